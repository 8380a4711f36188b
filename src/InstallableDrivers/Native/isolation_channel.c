/*
 * What both ends of the channel do the same way (isolation_channel.h): sleep on and wake a state word, claim a slot;
 * and the steps every host takes to start and end. Compiled into the native host executable and into the
 * application's isolation library, which the .NET host calls too.
 */
#define _GNU_SOURCE
#include "isolation_channel.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
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

/* One pause of a spin loop: tells the processor this is a spin (the sibling thread and power save benefit). */
static inline void spin_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

static int64_t monotonic_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int idh_spin_while(_Atomic uint32_t *word, uint32_t value)
{
    int64_t until = monotonic_ns() + IDH_SPIN_NS;
    do {
        for (int i = 0; i < 64; i++) {
            if (atomic_load_explicit(word, memory_order_acquire) != value) {
                return 1;
            }
            spin_pause();
        }
    } while (monotonic_ns() < until);
    return 0;
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

/* ---- A host's start and end ----------------------------------------------------------------------------------------- */

void idh_host_fail(idh_header *header, int code, const char *reason)
{
    snprintf(header->error, sizeof header->error, "%s", reason);
    atomic_store(&header->host_state, IDH_HOST_FAILED);
    idh_futex_wake(&header->host_state);
    _exit(code);
}

/* A crash should end the process at once: no core file written (slow, and a copy of the driver's memory on disk). */
void idh_host_no_core_dumps(void)
{
    struct rlimit none = { 0, 0 };
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/* Maps the arena at exactly the application's address; anything else would make the pointers in it mean nothing. */
idh_header *idh_host_map_arena(int fd, uint64_t address, uint64_t size)
{
    void *at = mmap((void *)(uintptr_t)address, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
    char reason[IDH_ERROR_TEXT];
    if (at != (void *)(uintptr_t)address) {
        int error = at == MAP_FAILED ? errno : EEXIST;
        if (at != MAP_FAILED) {
            munmap(at, size); /* a kernel older than 4.17 ignores the flag and maps elsewhere */
        }
        idh_header *anywhere = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (anywhere != MAP_FAILED) {
            snprintf(reason, sizeof reason, "the host process could not map the shared arena at 0x%llx (%s): that address is taken there",
                     (unsigned long long)address, strerror(error));
            idh_host_fail(anywhere, IDH_EXIT_ARENA, reason);
        }
        _exit(IDH_EXIT_ARENA);
    }
    close(fd); /* the mapping stays; the host keeps no descriptor it does not need */
    idh_header *header = at;
    if (header->magic != IDH_MAGIC || header->version != IDH_VERSION || header->base != address || header->size != size) {
        snprintf(reason, sizeof reason, "the arena's header does not match this host (protocol version %u expected)", IDH_VERSION);
        idh_host_fail(header, IDH_EXIT_ARENA, reason);
    }
    return header;
}

/* The application's pidfd, opened before the host says it is ready: the descriptors a ready host holds are final. */
static int application_pidfd = -1;

void idh_host_ready(idh_header *header, uint64_t module_handle, int application)
{
    int pidfd = (int)syscall(SYS_pidfd_open, application, 0);
    if (pidfd >= 0 && getppid() != application) {
        close(pidfd); /* the application ended and this host was reparented: nothing to watch */
        pidfd = -1;
    }
    application_pidfd = pidfd;
    header->module_handle = module_handle;
    atomic_store(&header->host_state, IDH_HOST_READY);
    idh_futex_wake(&header->host_state);
}

/* Returns when the application has ended (or at once if it already has): the host has no one left to serve. */
void idh_host_wait_for_application(void)
{
    if (application_pidfd < 0) {
        return;
    }
    struct pollfd ended = { application_pidfd, POLLIN, 0 };
    while (poll(&ended, 1, -1) < 0 && errno == EINTR) {
    }
}

/* ---- A host's requests of the application ------------------------------------------------------------------------- */

/* Copies a UTF-16 string into half of a slot's scratch area; returns its address there, 0 for NULL, -1 if too long. */
static int64_t copy_string(idh_slot *slot, int half, const uint16_t *text)
{
    if (text == NULL) {
        return 0;
    }
    uint16_t *to = (uint16_t *)(slot->scratch + half * (IDH_SCRATCH / 2));
    size_t capacity = IDH_SCRATCH / 2 / sizeof(uint16_t);
    for (size_t i = 0; i < capacity; i++) {
        to[i] = text[i];
        if (text[i] == 0) {
            return (int64_t)(intptr_t)to;
        }
    }
    return -1;
}

void idh_wait_for_state(idh_slot *slot, uint32_t wanted)
{
    uint32_t state;
    while ((state = atomic_load(&slot->state)) != wanted) {
        idh_futex_wait(&slot->state, state, -1);
    }
}

int64_t idh_host_ask(idh_header *arena, idh_slot *slot, void (*ensure_thread)(int index), uint32_t op, const int64_t *args,
                     int count, const uint16_t *text0, const uint16_t *text1)
{
    int pumped = slot == NULL;
    if (pumped) {
        int index = idh_claim_slot(arena);
        if (index < 0) {
            return 0;
        }
        ensure_thread(index);
        ensure_thread(index + 1);
        slot = idh_slot_of(arena, index);
    }
    slot->nested_op = op;
    memset(slot->nested_args, 0, sizeof slot->nested_args);
    memcpy(slot->nested_args, args, (size_t)count * sizeof *args);
    int64_t result = 0;
    if (op == IDH_OP_OPEN) {
        slot->nested_args[0] = copy_string(slot, 0, text0);
        slot->nested_args[1] = copy_string(slot, 1, text1);
    }
    if (slot->nested_args[0] != -1 && slot->nested_args[1] != -1) {
        if (pumped) {
            atomic_store(&slot->state, IDH_HOST_CALL);
            atomic_fetch_add(&arena->pump, 1);
            idh_futex_wake(&arena->pump);
            idh_wait_for_state(slot, IDH_HOST_DONE);
        } else {
            idh_set_state(slot, IDH_NESTED);
            /* The application thread waiting for the call serves the request at once (a DriverCallback is typically
             * a few microseconds): spin for the answer first, as the application spins for a call's, rather than sleep
             * and wait to be scheduled again (docs/performance.md#isolated-wave). */
            idh_spin_while(&slot->state, IDH_NESTED);
            idh_wait_for_state(slot, IDH_NESTED_DONE);
        }
        result = slot->nested_result;
    }
    if (pumped) {
        atomic_store(&slot->state, IDH_IDLE);
        atomic_store(&slot->owner, 0);
    }
    return result;
}
