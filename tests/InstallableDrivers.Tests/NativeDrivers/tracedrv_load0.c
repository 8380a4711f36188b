/* The trace driver refusing DRV_LOAD (returns 0). */
#define TRACE_LOAD_RESULT 0
#include "tracedrv_impl.h"
