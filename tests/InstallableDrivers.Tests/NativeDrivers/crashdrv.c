/*
 * A driver that faults on purpose, for the isolation tests: a driver in a host process of its own must take only that
 * process down. What it does and when is chosen by its file name, since a host starts with an empty environment and
 * DRV_LOAD has no args:
 *
 *   crashdrv-<fault>-<message>.so   fault:   segv (null dereference), abort, stack (stack overflow), exit (exit(3)),
 *                                            hang (never answers)
 *                                   message: load, open, user (DRV_USER + 1), close, free, or ctor (the
 *                                            library's constructor, while the host loads it)
 *
 * The fault is armed by a file beside the driver, "<driver file>.armed", which the driver deletes as it faults: the next
 * host loads the same file and runs normally. A copy named plain crashdrv.so never faults.
 *
 *   DRV_OPEN      -> 1
 *   DRV_USER + 1  -> 42
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <installable_driver.h>

static volatile int depth_limit = INT_MAX;

/* Each level keeps a page of stack alive until the next returns, which it never does before the guard page. */
static int overflow_stack(int depth)
{
    volatile char page[4096];
    page[0] = (char)depth;
    if (depth >= depth_limit) {
        return page[0];
    }
    return overflow_stack(depth + 1) + page[depth % 2];
}

static void fault(const char *how)
{
    if (strcmp(how, "segv") == 0) {
        volatile int *volatile nowhere = NULL;
        *nowhere = 1;
    } else if (strcmp(how, "abort") == 0) {
        abort();
    } else if (strcmp(how, "stack") == 0) {
        overflow_stack(0);
    } else if (strcmp(how, "exit") == 0) {
        exit(3);
    } else if (strcmp(how, "hang") == 0) {
        for (;;) {
            pause();
        }
    }
}

/* Faults if this file's name asks for it during `message` and the fault is armed; disarms it first. */
static void maybe_fault(const char *message)
{
    Dl_info self;
    if (dladdr((void *)(uintptr_t)maybe_fault, &self) == 0 || self.dli_fname == NULL) {
        return;
    }
    const char *name = strrchr(self.dli_fname, '/');
    name = name != NULL ? name + 1 : self.dli_fname;
    char how[16], when[16];
    if (sscanf(name, "crashdrv-%15[a-z]-%15[a-z].so", how, when) != 2 || strcmp(when, message) != 0) {
        return;
    }
    char armed[PATH_MAX];
    snprintf(armed, sizeof armed, "%s.armed", self.dli_fname);
    if (unlink(armed) == 0) {
        fault(how);
    }
}

__attribute__((constructor)) static void loaded(void)
{
    maybe_fault("ctor");
}

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    switch (msg) {
    case DRV_LOAD:
        maybe_fault("load");
        return 1;
    case DRV_OPEN:
        maybe_fault("open");
        return 1;
    case DRV_USER + 1:
        maybe_fault("user");
        return 42;
    case DRV_CLOSE:
        maybe_fault("close");
        return 1;
    case DRV_FREE:
        maybe_fault("free");
        return 1;
    default:
        return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}
