/*
 * The application's end of the channel to a driver host process (isolation_channel.h, docs/isolation.md), called from
 * C# (Isolation/HostChannel.cs). It starts the host with a clean environment and no descriptor but the arena, watches
 * it through a pidfd on a thread of its own, reaps it when it ends (no zombie), and wakes every waiting caller then.
 *
 * Nothing here trusts the arena: the host may have written anything into it. The application only reads numbers from
 * it, with fixed offsets, and treats a state it does not expect as a broken host.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "isolation_channel.h"

#define EXPORT __attribute__((visibility("default")))

/* Results of idh_call and idh_resume besides IDH_DONE, IDH_NESTED and IDH_DEAD. */
enum { IDH_TIMEOUT = -1, IDH_BROKEN = -2 };

/* An exit kind besides siginfo's CLD_* codes: the host's status could not be read. */
enum { IDH_EXIT_UNKNOWN = -1 };

typedef struct {
    idh_header *arena;
    size_t size;
    int memfd;
    int pidfd;
    pid_t pid;
    pthread_t watcher;
    _Atomic uint32_t dead;        /* 1 once the host has ended and been reaped: a futex word */
    int exit_kind;                /* CLD_EXITED, CLD_KILLED or CLD_DUMPED */
    int exit_value;               /* the exit code or the signal */
} idh_channel;

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void set_error(char *error, size_t size, const char *format, const char *detail)
{
    if (error != NULL && size > 0) {
        snprintf(error, size, format, detail);
    }
}


/* Waits for the host to end, reaps it, records how it ended, and wakes everyone who waits on it. */
static void *watch(void *context)
{
    idh_channel *channel = context;
    pthread_setname_np(pthread_self(), "driver host wat"); /* 15 characters at most */
    struct pollfd ended = { channel->pidfd, POLLIN, 0 };
    while (poll(&ended, 1, -1) < 0 && errno == EINTR) {
    }
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int reaped;
    while ((reaped = waitid((idtype_t)P_PIDFD, (id_t)channel->pidfd, &info, WEXITED)) < 0 && errno == EINTR) {
    }
    /* ECHILD: someone else reaped it (a runtime that reaps every child, or SIGCHLD ignored): how it ended is unknown. */
    channel->exit_kind = reaped == 0 ? info.si_code : IDH_EXIT_UNKNOWN;
    channel->exit_value = reaped == 0 ? info.si_status : 0;
    atomic_store(&channel->dead, 1);
    idh_futex_wake(&channel->dead);
    /* Every slot a caller may sleep on changes value, so a caller about to sleep does not (see wait_reply). */
    for (int i = 0; i < IDH_SLOTS; i++) {
        idh_set_state(idh_slot_of(channel->arena, i), IDH_DEAD);
    }
    /* Only a host that never said how its start went: FAILED (with its reason) and READY stay for idh_start to read. */
    uint32_t starting = IDH_HOST_STARTING;
    atomic_compare_exchange_strong(&channel->arena->host_state, &starting, IDH_HOST_GONE);
    idh_futex_wake(&channel->arena->host_state);
    atomic_fetch_add(&channel->arena->pump, 1);
    idh_futex_wake(&channel->arena->pump);
    return NULL;
}

static void release_resources(idh_channel *channel)
{
    munmap(channel->arena, channel->size);
    close(channel->memfd);
    if (channel->pidfd >= 0) {
        close(channel->pidfd);
    }
    free(channel);
}

EXPORT void idh_kill(idh_channel *channel)
{
    syscall(SYS_pidfd_send_signal, channel->pidfd, SIGKILL, NULL, 0);
}

/* Waits until the host has ended and been reaped. */
EXPORT void idh_wait_dead(idh_channel *channel)
{
    while (atomic_load(&channel->dead) == 0) {
        idh_futex_wait(&channel->dead, 0, -1);
    }
}

/* How the host ended: *kind is CLD_EXITED (value: the exit code), CLD_KILLED or CLD_DUMPED (value: the signal), or
 * IDH_EXIT_UNKNOWN when another reaper took the status. */
EXPORT int idh_exit_status(idh_channel *channel, int *kind, int *value)
{
    if (atomic_load(&channel->dead) == 0) {
        return 0;
    }
    *kind = channel->exit_kind;
    *value = channel->exit_value;
    return 1;
}

/* host_argument, when not NULL, comes first: the program a runner such as the dotnet muxer should run. */
/* The host's environment: only the variables `names` lists (separated by ':'), with this process's C environment's
 * values (getenv, so a value set with setenv counts); those that are unset are left out. NULL or "": none at all. */
#define IDH_MAX_ENVIRONMENT 32
typedef struct {
    char *entries[IDH_MAX_ENVIRONMENT + 1];
    char text[8192];
} idh_environment;

static void build_environment(const char *names, idh_environment *environment)
{
    int count = 0;
    size_t used = 0;
    const char *name = names;
    while (name != NULL && *name != 0 && count < IDH_MAX_ENVIRONMENT) {
        const char *end = strchr(name, ':');
        size_t length = end != NULL ? (size_t)(end - name) : strlen(name);
        char key[128];
        if (length > 0 && length < sizeof key) {
            memcpy(key, name, length);
            key[length] = 0;
            const char *value = getenv(key);
            int written = value == NULL ? -1
                : snprintf(environment->text + used, sizeof environment->text - used, "%s=%s", key, value);
            if (written > 0 && (size_t)written < sizeof environment->text - used) {
                environment->entries[count++] = environment->text + used;
                used += (size_t)written + 1;
            }
        }
        name = end != NULL ? end + 1 : NULL;
    }
    environment->entries[count] = NULL;
}

static pid_t spawn_host(const char *host_path, const char *host_argument, const char *driver_path,
                        const char *environment_names, idh_channel *channel, int *error_number)
{
    char fd[16], address[32], size[32], parent[16];
    snprintf(fd, sizeof fd, "%d", 3);
    snprintf(address, sizeof address, "%llx", (unsigned long long)(uintptr_t)channel->arena);
    snprintf(size, sizeof size, "%zu", channel->size);
    snprintf(parent, sizeof parent, "%d", (int)getpid());
    char *argv[8];
    int count = 0;
    argv[count++] = (char *)host_path;
    if (host_argument != NULL) {
        argv[count++] = (char *)host_argument;
    }
    argv[count++] = fd;
    argv[count++] = address;
    argv[count++] = size;
    argv[count++] = parent;
    argv[count++] = (char *)driver_path;
    argv[count] = NULL;
    idh_environment environment;
    build_environment(environment_names, &environment);

    /* The arena at descriptor 3; standard input and output on /dev/null; standard error shared (a driver's MessageBox
     * line lands there); every other descriptor closed. */
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, channel->memfd, 3);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclosefrom_np(&actions, 4);

    /* Default handling of every signal (the runtime ignores some, and ignoring is inherited), none blocked, and a session
     * of its own, so a terminal's Ctrl-C reaches the application and not its hosts: they end when it does. */
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSID);

    pid_t pid = -1;
    *error_number = posix_spawn(&pid, host_path, &actions, &attributes, argv, environment.entries);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    return *error_number == 0 ? pid : -1;
}

/* Where the application maps an arena: the host must map it at the same address, and a host that is a .NET process
 * has reserved large regions (the GC's) before it gets to it, top-down from the same kind of randomized base as every
 * mmap without a hint. So the arena goes at a random 1 MiB boundary between 16 and 80 TiB, an area neither process's
 * loader nor allocator uses on a 47-bit (or wider) address space; if none of a few tries is free, wherever the kernel
 * puts it. */
static void *map_arena(int memfd, size_t size)
{
    for (int attempt = 0; attempt < 16; attempt++) {
        uint64_t random;
        if (getrandom(&random, sizeof random, 0) != sizeof random) {
            break;
        }
        uintptr_t address = (uintptr_t)((0x100000000000ull + random % 0x400000000000ull) & ~0xFFFFFull);
        void *at = mmap((void *)address, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED_NOREPLACE, memfd, 0);
        if (at == (void *)address) {
            return at;
        }
        if (at != MAP_FAILED) {
            munmap(at, size);
        }
    }
    return mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
}

static int start_once(const char *host_path, const char *host_argument, const char *driver_path, const char *environment,
                      uint64_t arena_size, int64_t timeout_ns, idh_channel **out, int *exit_kind, int *exit_value, char *error,
                      int error_size);

/*
 * Creates the arena, starts the host on a driver file and waits until it has loaded it (host_argument: see spawn_host;
 * NULL for a host program of its own). Returns 0 and the channel, or a nonzero code with the reason in error: 1 the
 * host could not be started, 2 the host could not load the driver (or map the arena), 3 the host ended before it was
 * ready (how: *exit_kind and *exit_value, as idh_exit_status gives them), 4 it was not ready within timeout_ns.
 * A host that found the arena's address taken in its process is started again with a new arena, twice at most.
 * environment: the names of the variables the host receives (build_environment); NULL for none.
 */
EXPORT int idh_start(const char *host_path, const char *host_argument, const char *driver_path, const char *environment,
                     uint64_t arena_size, int64_t timeout_ns, idh_channel **out, int *exit_kind, int *exit_value, char *error,
                     int error_size)
{
    int code = 0;
    for (int attempt = 0; attempt < 3; attempt++) {
        code = start_once(host_path, host_argument, driver_path, environment, arena_size, timeout_ns, out, exit_kind,
                          exit_value, error, error_size);
        if (code != 2 || *exit_kind != CLD_EXITED || *exit_value != IDH_EXIT_ARENA) {
            break;
        }
    }
    return code;
}

static int start_once(const char *host_path, const char *host_argument, const char *driver_path, const char *environment,
                      uint64_t arena_size, int64_t timeout_ns, idh_channel **out, int *exit_kind, int *exit_value, char *error,
                      int error_size)
{
    *out = NULL;
    *exit_kind = 0;
    *exit_value = 0;
    idh_channel *channel = calloc(1, sizeof *channel);
    if (channel == NULL) {
        set_error(error, (size_t)error_size, "%s", "out of memory");
        return 1;
    }
    channel->pidfd = -1;
    channel->size = (size_t)arena_size;
    channel->memfd = memfd_create("installable-drivers-arena", MFD_CLOEXEC);
    if (channel->memfd < 0 || ftruncate(channel->memfd, (off_t)arena_size) != 0) {
        set_error(error, (size_t)error_size, "the shared arena could not be created: %s", strerror(errno));
        if (channel->memfd >= 0) {
            close(channel->memfd);
        }
        free(channel);
        return 1;
    }
    channel->arena = map_arena(channel->memfd, channel->size);
    if (channel->arena == MAP_FAILED) {
        set_error(error, (size_t)error_size, "the shared arena could not be mapped: %s", strerror(errno));
        close(channel->memfd);
        free(channel);
        return 1;
    }
    idh_header *header = channel->arena;
    header->magic = IDH_MAGIC;
    header->version = IDH_VERSION;
    header->size = arena_size;
    header->base = (uint64_t)(uintptr_t)header;
    header->slot_count = IDH_SLOTS;
    header->slots_offset = IDH_SLOTS_OFFSET;
    header->heap_offset = IDH_HEAP_OFFSET;

    int spawn_error;
    channel->pid = spawn_host(host_path, host_argument, driver_path, environment, channel, &spawn_error);
    if (channel->pid < 0) {
        set_error(error, (size_t)error_size, "the driver host could not be started: %s", strerror(spawn_error));
        release_resources(channel);
        return 1;
    }
    channel->pidfd = (int)syscall(SYS_pidfd_open, channel->pid, 0);
    if (channel->pidfd < 0 || pthread_create(&channel->watcher, NULL, watch, channel) != 0) {
        set_error(error, (size_t)error_size, "the driver host could not be watched: %s", strerror(errno));
        kill(channel->pid, SIGKILL);
        waitpid(channel->pid, NULL, 0);
        release_resources(channel);
        return 1;
    }

    int64_t deadline = now_ns() + timeout_ns;
    uint32_t state;
    while ((state = atomic_load(&header->host_state)) == IDH_HOST_STARTING && atomic_load(&channel->dead) == 0) {
        int64_t left = deadline - now_ns();
        if (left <= 0) {
            break;
        }
        idh_futex_wait(&header->host_state, IDH_HOST_STARTING, left);
    }
    if (state == IDH_HOST_READY) {
        *out = channel;
        return 0;
    }

    int code;
    if (state == IDH_HOST_FAILED) {
        char reason[IDH_ERROR_TEXT];
        memcpy(reason, header->error, sizeof reason);
        reason[sizeof reason - 1] = 0;
        set_error(error, (size_t)error_size, "%s", reason);
        /* It exits right after saying why; its exit code tells a taken address (worth a retry) from the rest. */
        int64_t left;
        while (atomic_load(&channel->dead) == 0 && (left = deadline - now_ns()) > 0) {
            idh_futex_wait(&channel->dead, 0, left);
        }
        if (atomic_load(&channel->dead) != 0) {
            *exit_kind = channel->exit_kind;
            *exit_value = channel->exit_value;
        }
        code = 2;
    } else if (atomic_load(&channel->dead) == 0) {
        set_error(error, (size_t)error_size, "%s", "the driver host did not load the driver in time");
        code = 4;
    } else {
        char how[64];
        if (channel->exit_kind == CLD_EXITED) {
            snprintf(how, sizeof how, "exited with code %d", channel->exit_value);
        } else if (channel->exit_kind == IDH_EXIT_UNKNOWN) {
            snprintf(how, sizeof how, "ended (how is unknown: its status was reaped elsewhere)");
        } else {
            snprintf(how, sizeof how, "was killed by signal %d (%s)", channel->exit_value, strsignal(channel->exit_value));
        }
        set_error(error, (size_t)error_size, "the driver host %s while it loaded the driver", how);
        *exit_kind = channel->exit_kind;
        *exit_value = channel->exit_value;
        code = 3;
    }
    idh_kill(channel);
    idh_wait_dead(channel);
    pthread_join(channel->watcher, NULL);
    release_resources(channel);
    return code;
}

/* The arena's address: the same in both processes. */
EXPORT idh_header *idh_arena(idh_channel *channel)
{
    return channel->arena;
}

/* Claims a slot for a call: its index, or -1 when the host is gone, -2 when every slot is busy. */
EXPORT int idh_acquire(idh_channel *channel)
{
    if (atomic_load(&channel->dead) != 0) {
        return -1;
    }
    int index = idh_claim_slot(channel->arena);
    return index >= 0 ? index : -2;
}

EXPORT void idh_release(idh_channel *channel, int index)
{
    atomic_store(&idh_slot_of(channel->arena, index)->owner, 0);
}

/*
 * Waits for the host's answer on a slot whose state the application just set to `posted`: IDH_DONE, IDH_NESTED,
 * IDH_DEAD, IDH_TIMEOUT when the host did not hand the slot back within timeout_ns (< 0: no limit), or IDH_BROKEN
 * when the state is one the host may not write.
 */
static int wait_reply(idh_channel *channel, idh_slot *slot, uint32_t posted, int64_t timeout_ns)
{
    /* dead is read after the post (both sequentially consistent): either this sees it, or the watcher's later store of
     * IDH_DEAD into the slot changes the value this would sleep on. */
    if (atomic_load(&channel->dead) != 0) {
        return IDH_DEAD;
    }
    int64_t deadline = timeout_ns >= 0 ? now_ns() + timeout_ns : 0;
    for (;;) {
        uint32_t state = atomic_load(&slot->state);
        if (state == IDH_DONE || state == IDH_NESTED || state == IDH_DEAD) {
            return (int)state;
        }
        if (state != posted) {
            return IDH_BROKEN;
        }
        int64_t left = -1;
        if (timeout_ns >= 0) {
            left = deadline - now_ns();
            if (left <= 0) {
                return IDH_TIMEOUT;
            }
        }
        if (!idh_spin_while(&slot->state, posted)) {
            idh_futex_wait(&slot->state, posted, left);
        }
    }
}

/* Posts the request written into a slot (op and args) and waits as wait_reply says. */
EXPORT int idh_call(idh_channel *channel, int index, int64_t timeout_ns)
{
    idh_slot *slot = idh_slot_of(channel->arena, index);
    idh_set_state(slot, IDH_CALL);
    return wait_reply(channel, slot, IDH_CALL, timeout_ns);
}

/* Answers the host's request inside a call (IDH_NESTED) and waits for the call again. */
EXPORT int idh_resume(idh_channel *channel, int index, int64_t result, int64_t timeout_ns)
{
    idh_slot *slot = idh_slot_of(channel->arena, index);
    slot->nested_result = result;
    idh_set_state(slot, IDH_NESTED_DONE);
    return wait_reply(channel, slot, IDH_NESTED_DONE, timeout_ns);
}

/* Waits for a request the host makes outside any call (IDH_HOST_CALL): its slot's index, or -1 once the host is gone. */
EXPORT int idh_pump_next(idh_channel *channel)
{
    for (;;) {
        uint32_t seen = atomic_load(&channel->arena->pump);
        if (atomic_load(&channel->dead) != 0) {
            return -1;
        }
        for (int i = 0; i < IDH_SLOTS; i++) {
            if (atomic_load(&idh_slot_of(channel->arena, i)->state) == IDH_HOST_CALL) {
                return i;
            }
        }
        idh_futex_wait(&channel->arena->pump, seen, -1);
    }
}

EXPORT void idh_pump_answer(idh_channel *channel, int index, int64_t result)
{
    idh_slot *slot = idh_slot_of(channel->arena, index);
    slot->nested_result = result;
    idh_set_state(slot, IDH_HOST_DONE);
}

/* Ends the host: asks it to exit (it unloads the driver), and kills it if it has not within grace_ns. */
EXPORT void idh_shutdown(idh_channel *channel, int64_t grace_ns)
{
    int index = idh_acquire(channel);
    if (index >= 0) {
        idh_slot *slot = idh_slot_of(channel->arena, index);
        slot->op = IDH_OP_EXIT;
        idh_set_state(slot, IDH_CALL);
        int64_t deadline = now_ns() + grace_ns;
        int64_t left;
        while (atomic_load(&channel->dead) == 0 && (left = deadline - now_ns()) > 0) {
            idh_futex_wait(&channel->dead, 0, left);
        }
    }
    if (atomic_load(&channel->dead) == 0) {
        idh_kill(channel);
    }
    idh_wait_dead(channel);
}

/* Frees an ended host's channel: joins the watcher, unmaps the arena, closes the descriptors. */
EXPORT void idh_free(idh_channel *channel)
{
    idh_wait_dead(channel);
    pthread_join(channel->watcher, NULL);
    release_resources(channel);
}
