/*
 * The stress driver: checks the host's lifecycle promises from inside, while many threads open, send and close.
 * It counts into a block of host memory whose address the test puts in the STRESSDRV_COUNTERS environment variable
 * (hex), so the counts survive the library being unloaded and loaded again:
 *
 *   counters[0] DRV_LOADs   counters[1] DRV_FREEs   counters[2] DRV_OPENs   counters[3] DRV_CLOSEs
 *   counters[4] ordinary messages handled           counters[5] violations of a promise
 *   counters[6] set by the host, or 0: a function void nest(HDRVR, LPARAM depth) that DRV_USER + 2 with lParam1 > 0
 *               calls from inside the message with lParam1 - 1, for the host to send DRV_USER + 2 again
 *
 * A host process (docs/isolation.md) starts with an empty environment: there the test hands the block over with
 * DRV_USER + 9 (lParam1: its address in the shared arena) after the first open, and DRV_LOAD is not counted.
 *
 * Violations: DRV_LOAD twice without DRV_FREE; DRV_OPEN before DRV_ENABLE; DRV_DISABLE/DRV_FREE with instances open;
 * a message to an instance that is not open (closed, or an id from another load); DRV_CLOSE while another message to
 * the same instance is still running; a message whose instance closed while the message ran.
 * Instances live in a static table, so an id is checked without touching freed memory.
 */
#include <installable_driver.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#define SLOTS 4096
enum { FREE = 0, OPEN = 1 };
enum { LOADS, FREES, OPENS, CLOSES, MESSAGES, VIOLATIONS, NEST };

typedef void (*nest_fn)(HDRVR hdrvr, LPARAM depth);

static _Atomic int64_t *counters;
static atomic_int loaded, enabled, open_count, next_slot;
static struct {
    atomic_int state;
    atomic_int inflight;
    atomic_uint generation;
} slots[SLOTS];

static void count(int which)
{
    if (counters != NULL) {
        atomic_fetch_add(&counters[which], 1);
    }
}

/* An id carries the slot's generation, so an id from before a slot was reused is told apart. */
static int slot_of(DWORD_PTR id)
{
    unsigned slot = (unsigned)(id & 0xFFFF) - 1;
    if (id == 0 || slot >= SLOTS || atomic_load(&slots[slot].state) != OPEN
        || atomic_load(&slots[slot].generation) != (unsigned)(id >> 16)) {
        return -1;
    }
    return (int)slot;
}

static LRESULT open_instance(void)
{
    if (!atomic_load(&enabled)) {
        count(VIOLATIONS);
    }
    for (int tries = 0; tries < SLOTS; tries++) {
        int slot = atomic_fetch_add(&next_slot, 1) % SLOTS;
        int expected = FREE;
        if (atomic_compare_exchange_strong(&slots[slot].state, &expected, OPEN)) {
            atomic_fetch_add(&open_count, 1);
            count(OPENS);
            return (LRESULT)(((DWORD_PTR)atomic_load(&slots[slot].generation) << 16) | (DWORD_PTR)(slot + 1));
        }
    }
    return 0; /* full: refuse the open */
}

static LRESULT close_instance(DWORD_PTR id)
{
    int slot = slot_of(id);
    if (slot < 0) {
        count(VIOLATIONS);
        return 0;
    }
    if (atomic_load(&slots[slot].inflight) != 0) {
        count(VIOLATIONS);
    }
    atomic_fetch_add(&slots[slot].generation, 1);
    atomic_store(&slots[slot].state, FREE);
    atomic_fetch_sub(&open_count, 1);
    count(CLOSES);
    return 1;
}

static LRESULT handle_message(DWORD_PTR id, HDRVR hdrvr, UINT msg, LPARAM lParam1)
{
    int slot = slot_of(id);
    if (slot < 0) {
        count(VIOLATIONS);
        return 0;
    }
    atomic_fetch_add(&slots[slot].inflight, 1);
    nest_fn nest = counters != NULL ? (nest_fn)(uintptr_t)atomic_load(&counters[NEST]) : NULL;
    if (msg == DRV_USER + 2 && lParam1 > 0 && nest != NULL) {
        nest(hdrvr, lParam1 - 1);
    } else {
        /* A little work widens the window in which a racing close would be caught. */
        volatile int spin = 0;
        for (int i = 0; i < 200; i++) {
            spin += i;
        }
    }
    if (slot_of(id) != slot) {
        count(VIOLATIONS);
    }
    atomic_fetch_sub(&slots[slot].inflight, 1);
    count(MESSAGES);
    return lParam1 + 1;
}

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    (void)lParam2;
    switch (msg) {
    case DRV_LOAD: {
        const char *address = getenv("STRESSDRV_COUNTERS");
        counters = address != NULL ? (_Atomic int64_t *)(uintptr_t)strtoull(address, NULL, 16) : NULL;
        if (atomic_exchange(&loaded, 1) != 0) {
            count(VIOLATIONS);
        }
        count(LOADS);
        return 1;
    }
    case DRV_ENABLE:
        atomic_store(&enabled, 1);
        return 1;
    case DRV_OPEN:
        return open_instance();
    case DRV_CLOSE:
        return close_instance(dwDriverId);
    case DRV_DISABLE:
        if (atomic_load(&open_count) != 0 || dwDriverId != 0) {
            count(VIOLATIONS);
        }
        atomic_store(&enabled, 0);
        return 1;
    case DRV_USER + 9:
        counters = (_Atomic int64_t *)(uintptr_t)lParam1;
        return 1;
    case DRV_FREE:
        if (atomic_load(&open_count) != 0 || atomic_load(&enabled) || dwDriverId != 0) {
            count(VIOLATIONS);
        }
        atomic_store(&loaded, 0);
        count(FREES);
        return 1;
    default:
        return handle_message(dwDriverId, hdrvr, msg, lParam1);
    }
}
