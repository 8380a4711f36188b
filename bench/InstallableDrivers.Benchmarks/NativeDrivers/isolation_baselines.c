/*
 * The baselines of the isolation measurement (docs/performance.md, "Isolation"): what the host channel's costs are
 * compared with. Not a driver; built beside them as a plain shared library.
 *
 *   bench_futex_pingpong(n, spin)  nanoseconds per round trip of a bare futex ping-pong between this process and a
 *                                  forked child over one shared word: the floor for any cross-process call. With spin,
 *                                  this process spins up to 20 us for each answer before it sleeps, as the
 *                                  application's end of the channel does (IDH_SPIN_NS); the child never spins, as the
 *                                  host does not
 *   bench_spawn_reap(program, n)   nanoseconds to posix_spawn a program and reap it: the floor for starting a process
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void wait_while(_Atomic uint32_t *word, uint32_t value, int spin)
{
    if (spin) {
        double until = now_ns() + 20000;
        while (atomic_load(word) == value && now_ns() < until) {
            __builtin_ia32_pause();
        }
    }
    while (atomic_load(word) == value) {
        syscall(SYS_futex, (uint32_t *)word, FUTEX_WAIT, value, NULL, NULL, 0);
    }
}

static void store_and_wake(_Atomic uint32_t *word, uint32_t value)
{
    atomic_store(word, value);
    syscall(SYS_futex, (uint32_t *)word, FUTEX_WAKE, 1, NULL, NULL, 0);
}

/* The word goes 0 (idle) -> 1 (request) -> 2 (answer) -> 1 ..., as a call slot's state does; 3 tells the child to end. */
EXPORT double bench_futex_pingpong(long iterations, int spin)
{
    _Atomic uint32_t *word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (word == MAP_FAILED) {
        return -1;
    }
    pid_t child = fork();
    if (child == 0) {
        for (;;) {
            wait_while(word, 0, 0);
            wait_while(word, 2, 0);
            if (atomic_load(word) == 3) {
                _exit(0);
            }
            store_and_wake(word, 2);
        }
    }
    double start = now_ns();
    for (long i = 0; i < iterations; i++) {
        store_and_wake(word, 1);
        wait_while(word, 1, spin);
    }
    double elapsed = now_ns() - start;
    store_and_wake(word, 3);
    waitpid(child, NULL, 0);
    munmap((void *)word, 4096);
    return elapsed / (double)iterations;
}

EXPORT double bench_spawn_reap(const char *program, long iterations)
{
    char *argv[] = { (char *)program, NULL };
    char *no_environment[] = { NULL };
    double start = now_ns();
    for (long i = 0; i < iterations; i++) {
        pid_t pid;
        if (posix_spawn(&pid, program, NULL, NULL, argv, no_environment) != 0) {
            return -1;
        }
        waitpid(pid, NULL, 0);
    }
    return (now_ns() - start) / (double)iterations;
}
