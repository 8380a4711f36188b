/* The trace driver as most tests use it: DRV_LOAD accepts with 1. */
#define TRACE_LOAD_RESULT 1
#include "tracedrv_impl.h"
