/*
 * The control-panel test driver: what drv install, setup and remove see. Each instance takes its answers from words
 * in its args text (drv install --args "..."), and says on stderr what DRV_INSTALL, DRV_CONFIGURE and DRV_REMOVE
 * received, so a test of the tool as a process can check the DRVCONFIGINFO it was sent.
 *
 *   DRV_OPEN           -> 0 with "refuse-open", else the instance
 *   DRV_INSTALL        -> DRVCNF_CANCEL with "install=cancel", DRVCNF_RESTART with "install=restart", else DRVCNF_OK;
 *                         with "install=wait" it first waits (up to 30 s) until the file $CTLDRV_GATE exists, so a test
 *                         can run another drv while this one is inside DRV_INSTALL
 *   DRV_QUERYCONFIGURE -> 0 with "noconfig", else 1
 *   DRV_CONFIGURE      -> DRVCNF_CANCEL with "configure=cancel", DRVCNF_RESTART with "configure=restart", else DRVCNF_OK
 *   DRV_REMOVE         -> 1
 *   DRV_USER + 1       -> lParam1 + lParam2
 *   DRV_USER + 2       -> writes through a null pointer, as a driver with a bug would: the host process dies of SIGSEGV
 */
/* nanosleep is POSIX, not C11. */
#define _POSIX_C_SOURCE 200809L

#include <installable_driver.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "args_words.h"

enum {
    INSTALL_CANCEL = 1 << 0,
    INSTALL_RESTART = 1 << 1,
    NO_CONFIG = 1 << 2,
    CONFIGURE_CANCEL = 1 << 3,
    CONFIGURE_RESTART = 1 << 4,
    INSTALL_WAIT = 1 << 5,
};

typedef struct CTLDRV {
    unsigned flags;
} CTLDRV;

/* Prints "ctldrv: MESSAGE section\alias", the names a DRVCONFIGINFO carries (ASCII only; '?' for the rest). */
static void print_config(const char *message, LPARAM lParam2)
{
    const DRVCONFIGINFO *info = (const DRVCONFIGINFO *)lParam2;
    fprintf(stderr, "ctldrv: %s ", message);
    if (info == NULL || info->dwDCISize < sizeof(DRVCONFIGINFO)) {
        fputs("(no DRVCONFIGINFO)\n", stderr);
        return;
    }
    for (LPCWSTR p = info->lpszDCISectionName; *p != 0; p++) {
        fputc(*p < 0x80 ? (int)*p : '?', stderr);
    }
    fputc('\\', stderr);
    for (LPCWSTR p = info->lpszDCIAliasName; *p != 0; p++) {
        fputc(*p < 0x80 ? (int)*p : '?', stderr);
    }
    fputc('\n', stderr);
}

/* Returns once the file named by $CTLDRV_GATE exists, or after 30 s, or at once if the variable is not set. */
static void wait_for_gate(void)
{
    const char *gate = getenv("CTLDRV_GATE");
    const struct timespec pause = { .tv_sec = 0, .tv_nsec = 10 * 1000 * 1000 };
    for (int i = 0; gate != NULL && i < 3000; i++) {
        FILE *file = fopen(gate, "r");
        if (file != NULL) {
            fclose(file);
            return;
        }
        nanosleep(&pause, NULL);
    }
}

static LRESULT choose(unsigned flags, unsigned cancel, unsigned restart)
{
    return (flags & cancel) ? DRVCNF_CANCEL : (flags & restart) ? DRVCNF_RESTART : DRVCNF_OK;
}

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    CTLDRV *instance = (CTLDRV *)dwDriverId;
    switch (msg) {
    case DRV_OPEN: {
        if (has_word(lParam1, "refuse-open")) {
            return 0;
        }
        CTLDRV *opened = calloc(1, sizeof *opened);
        if (opened == NULL) {
            return 0;
        }
        opened->flags = (has_word(lParam1, "install=cancel") ? INSTALL_CANCEL : 0)
            | (has_word(lParam1, "install=restart") ? INSTALL_RESTART : 0)
            | (has_word(lParam1, "noconfig") ? NO_CONFIG : 0)
            | (has_word(lParam1, "configure=cancel") ? CONFIGURE_CANCEL : 0)
            | (has_word(lParam1, "configure=restart") ? CONFIGURE_RESTART : 0)
            | (has_word(lParam1, "install=wait") ? INSTALL_WAIT : 0);
        return (LRESULT)opened;
    }
    case DRV_CLOSE:
        free(instance);
        return 1;
    case DRV_INSTALL:
        print_config("DRV_INSTALL", lParam2);
        if (instance->flags & INSTALL_WAIT) {
            wait_for_gate();
        }
        return choose(instance->flags, INSTALL_CANCEL, INSTALL_RESTART);
    case DRV_QUERYCONFIGURE:
        return (instance->flags & NO_CONFIG) ? 0 : 1;
    case DRV_CONFIGURE:
        print_config("DRV_CONFIGURE", lParam2);
        return choose(instance->flags, CONFIGURE_CANCEL, CONFIGURE_RESTART);
    case DRV_REMOVE:
        fputs("ctldrv: DRV_REMOVE\n", stderr);
        return 1;
    case DRV_USER + 1:
        return lParam1 + lParam2;
    case DRV_USER + 2: {
        /* Both volatile, or the compiler drops the write. A real fault, not raise(SIGSEGV): under .NET a process
         * survived a SIGSEGV that was sent rather than caused, and a bug causes one. */
        volatile int *volatile nowhere = NULL;
        *nowhere = 1;
        return 0;
    }
    default:
        return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}
