/*
 * The channel between an application and a driver host process (docs/isolation.md, "The host protocol"): one shared
 * memory arena, mapped at the same address in both processes, holding a header and call slots. A slot carries one call
 * at a time; its state word is a futex both sides sleep on, so a message costs two futex wake-ups and no system call
 * that copies data. This header is the protocol: the host executable (isolation_host.c) and the application's side
 * (isolation_app.c, reached from C# through P/Invoke) both compile it, and Isolation/ArenaLayout.cs mirrors the offsets
 * the C# side reads.
 */
#ifndef ISOLATION_CHANNEL_H
#define ISOLATION_CHANNEL_H

#include <stdatomic.h>
#include <stdint.h>

#define IDH_MAGIC 0x31484449u /* "IDH1" */
#define IDH_VERSION 1u
#define IDH_SLOTS 64
#define IDH_SCRATCH 4096      /* per slot: the strings of a request the host makes of the application */
#define IDH_ERROR_TEXT 512

/* The host's state word in the header (a futex): the application waits for it to leave IDH_HOST_STARTING. */
enum { IDH_HOST_STARTING = 0, IDH_HOST_READY = 1, IDH_HOST_FAILED = 2, IDH_HOST_GONE = 3 };

/* A slot's state word (a futex). Who writes each value is fixed, so no value is ever contested:
 *   application: IDH_CALL (a request for the host), IDH_NESTED_DONE, IDH_HOST_DONE (answers to the host), IDH_DEAD
 *   host:        IDH_DONE (the answer to IDH_CALL), IDH_NESTED (a request inside a call), IDH_HOST_CALL (a request
 *                from a thread that is in no call) */
enum {
    IDH_IDLE = 0,
    IDH_CALL = 1,
    IDH_DONE = 2,
    IDH_NESTED = 3,
    IDH_NESTED_DONE = 4,
    IDH_HOST_CALL = 5,
    IDH_HOST_DONE = 6,
    IDH_DEAD = 7,
};

/* What a request asks. To the host: */
enum { IDH_OP_DRIVERPROC = 1, IDH_OP_EXIT = 2, IDH_OP_FIND_EXPORT = 3, IDH_OP_CALL_EXPORT = 4 };
/* To the application (IDH_NESTED or IDH_HOST_CALL): */
enum { IDH_OP_OPEN = 10, IDH_OP_CLOSE = 11, IDH_OP_SEND = 12, IDH_OP_MODULE_HANDLE = 13, IDH_OP_CALLBACK = 14 };

#define IDH_ARGS 7

typedef struct {
    _Atomic uint32_t state;          /* IDH_* slot state: the futex word */
    _Atomic uint32_t owner;          /* 0 free, 1 taken: claimed with a compare-exchange by either side */
    _Atomic uint32_t thread_started; /* host-private: a host thread serves this slot */
    uint32_t op;                     /* the application's request: IDH_OP_DRIVERPROC ... IDH_OP_CALL_EXPORT */
    int64_t args[IDH_ARGS];          /* DRIVERPROC: driver id, hdrvr, message, lParam1, lParam2; CALL_EXPORT: the
                                        export's address, then its five arguments */
    int64_t result;                  /* the host's answer */
    uint32_t nested_op;              /* the host's request: IDH_OP_OPEN ... IDH_OP_CALLBACK */
    uint32_t reserved;
    int64_t nested_args[IDH_ARGS];   /* its arguments; strings point into scratch */
    int64_t nested_result;           /* the application's answer */
    char scratch[IDH_SCRATCH];
} __attribute__((aligned(64))) idh_slot;

typedef struct {
    uint32_t magic;                  /* IDH_MAGIC */
    uint32_t version;                /* IDH_VERSION */
    uint64_t size;                   /* the arena's size in bytes */
    uint64_t base;                   /* the address both processes map it at */
    _Atomic uint32_t host_state;     /* IDH_HOST_*: a futex word */
    uint32_t slot_count;             /* IDH_SLOTS */
    uint64_t module_handle;          /* the host's handle of the loaded driver (GetDriverModuleHandle) */
    _Atomic uint32_t pump;           /* bumped (and woken) by the host for each IDH_HOST_CALL */
    uint32_t reserved;
    uint64_t slots_offset;           /* where slot 0 starts */
    uint64_t heap_offset;            /* the application's buffers: from here to the end of the arena */
    char error[IDH_ERROR_TEXT];      /* why the host failed to start (IDH_HOST_FAILED), UTF-8 */
} __attribute__((aligned(64))) idh_header;

#define IDH_SLOTS_OFFSET ((uint64_t)sizeof(idh_header))
#define IDH_HEAP_OFFSET (IDH_SLOTS_OFFSET + (uint64_t)IDH_SLOTS * sizeof(idh_slot))

/* The host's exit codes when it cannot start; the header's error text says more. */
enum { IDH_EXIT_USAGE = 64, IDH_EXIT_ARENA = 65, IDH_EXIT_DRIVER = 66 };

/* ---- Shared helpers (isolation_channel.c) ---- */

static inline idh_slot *idh_slot_of(idh_header *arena, int index)
{
    /* The fixed offset, not the header's copy of it: the application never trusts what the host may have written. */
    return (idh_slot *)((char *)arena + IDH_SLOTS_OFFSET) + index;
}

/* Sleeps while *word == expected, at most timeout_ns (< 0: no limit). Returns 0 when woken or the value differs,
 * -1 when the time ran out. */
int idh_futex_wait(_Atomic uint32_t *word, uint32_t expected, int64_t timeout_ns);

/* How long a waiter spins before it sleeps: an answer that comes sooner costs no sleep and no wake-up, which on a
 * virtual machine's idle processor take tens of microseconds (docs/performance.md#isolation). */
#define IDH_SPIN_NS 20000

/* Spins while *word == value, at most IDH_SPIN_NS: 1 if it changed, 0 if the time ran out. */
int idh_spin_while(_Atomic uint32_t *word, uint32_t value);

/* Wakes every sleeper on a word. */
void idh_futex_wake(_Atomic uint32_t *word);

/* Claims the lowest free slot, or returns -1 when all are taken. */
int idh_claim_slot(idh_header *arena);

/* Stores a state and wakes the other side. */
void idh_set_state(idh_slot *slot, uint32_t state);

/* Sleeps until a slot's state is `wanted` (the host's side: it waits for the application without a deadline). */
void idh_wait_for_state(idh_slot *slot, uint32_t wanted);

/* ---- A host's start and end (isolation_channel.c; the native host and the .NET host both call them) ---- */

/* Maps the arena fd at exactly `address`, closes the fd, checks the header; on failure says why and exits. */
idh_header *idh_host_map_arena(int fd, uint64_t address, uint64_t size);

/* Says why the host cannot start (header's error, state FAILED) and exits with `code`. */
void idh_host_fail(idh_header *header, int code, const char *reason) __attribute__((noreturn));

/* Turns core dumps off: a crash ends the host at once. */
void idh_host_no_core_dumps(void);

/* Opens a pidfd on the application (the host's parent), publishes the driver's module handle and tells the application the host is ready. */
void idh_host_ready(idh_header *header, uint64_t module_handle, int application);

/* Returns when the application idh_host_ready watches has ended. */
void idh_host_wait_for_application(void);

/*
 * Asks the application something (op IDH_OP_OPEN ... IDH_OP_CALLBACK, count arguments; OPEN's two strings are copied
 * into the slot's scratch area) and returns its answer: over `slot`, the slot of the call the asking thread runs (the
 * application thread waiting for that call serves it), or, with slot NULL (a thread of the driver's own), over a free
 * slot the application's pump serves, after ensure_thread has started a host thread for it and the next one.
 */
int64_t idh_host_ask(idh_header *arena, idh_slot *slot, void (*ensure_thread)(int index), uint32_t op, const int64_t *args,
                     int count, const uint16_t *text0, const uint16_t *text1);

#endif
