/* The trace driver accepting DRV_LOAD with 2: any nonzero accepts (difference D1; Wine demands exactly 1). */
#define TRACE_LOAD_RESULT 2
#include "tracedrv_impl.h"
