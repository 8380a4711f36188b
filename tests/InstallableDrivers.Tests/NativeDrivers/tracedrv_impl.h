/*
 * The trace driver: reports every message it receives, at entry, to a sink function the test process names in the
 * TRACEDRV_SINK environment variable (hex address), and answers in the simplest way that makes each host behaviour
 * visible. Compiled several times (tracedrv.c, tracedrv_load0.c, tracedrv_load2.c) with different DRV_LOAD results.
 *
 *   DRV_LOAD      -> TRACE_LOAD_RESULT; ids restart at 100
 *   DRV_OPEN      -> 100, 101, ... ; 0 if the args text has the word "refuse-open", or "refuse-session" and
 *                    lParam2 == 0 (the session instance), or "refuse-real" and lParam2 != 0
 *   DRV_CLOSE     -> 1
 *   DRV_USER + 1  -> lParam1 + lParam2
 *   DRV_USER + 2  -> how many DRV_LOADs this mapping of the library has seen (static state: 1 after a real reload)
 *   DRV_USER + 3  -> the dwDriverId it received
 *   anything else -> DefDriverProc
 */
#include <installable_driver.h>
#include <stdint.h>
#include <stdlib.h>

#include "args_words.h"

typedef void (*trace_sink_fn)(DWORD_PTR id, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2);

static trace_sink_fn sink;
static int load_count;
static DWORD_PTR next_id;

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    if (msg == DRV_LOAD) {
        /* Read the sink anew on every load: after a real unload the static is zero again. */
        const char *address = getenv("TRACEDRV_SINK");
        sink = address != NULL ? (trace_sink_fn)(uintptr_t)strtoull(address, NULL, 16) : NULL;
    }
    if (sink != NULL) {
        sink(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }

    switch (msg) {
    case DRV_LOAD:
        load_count++;
        next_id = 100;
        return TRACE_LOAD_RESULT;
    case DRV_OPEN:
        if (has_word(lParam1, "refuse-open") || (has_word(lParam1, "refuse-session") && lParam2 == 0)
            || (has_word(lParam1, "refuse-real") && lParam2 != 0)) {
            return 0;
        }
        return (LRESULT)next_id++;
    case DRV_CLOSE:
        return 1;
    case DRV_USER + 1:
        return lParam1 + lParam2;
    case DRV_USER + 2:
        return load_count;
    case DRV_USER + 3:
        return (LRESULT)dwDriverId;
    default:
        return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}
