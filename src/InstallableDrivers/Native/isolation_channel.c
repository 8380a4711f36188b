/*
 * What both ends of the channel do the same way (isolation_channel.h): sleep on and wake a state word, claim a slot.
 * Compiled into the host executable and into the application's isolation library.
 */
#define _GNU_SOURCE
#include "isolation_channel.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The word is in a MAP_SHARED mapping seen by two processes: a shared (not FUTEX_PRIVATE_FLAG) futex. */
int idh_futex_wait(_Atomic uint32_t *word, uint32_t expected, int64_t timeout_ns)
{
    struct timespec limit;
    struct timespec *relative = NULL;
    if (timeout_ns >= 0) {
        limit.tv_sec = (time_t)(timeout_ns / 1000000000);
        limit.tv_nsec = (long)(timeout_ns % 1000000000);
        relative = &limit;
    }
    long r = syscall(SYS_futex, (uint32_t *)word, FUTEX_WAIT, expected, relative, NULL, 0);
    return r == -1 && errno == ETIMEDOUT ? -1 : 0;
}

void idh_futex_wake(_Atomic uint32_t *word)
{
    syscall(SYS_futex, (uint32_t *)word, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

int idh_claim_slot(idh_header *arena)
{
    for (int i = 0; i < IDH_SLOTS; i++) {
        uint32_t free_slot = 0;
        if (atomic_compare_exchange_strong(&idh_slot_of(arena, i)->owner, &free_slot, 1)) {
            return i;
        }
    }
    return -1;
}

void idh_set_state(idh_slot *slot, uint32_t state)
{
    atomic_store(&slot->state, state);
    idh_futex_wake(&slot->state);
}
