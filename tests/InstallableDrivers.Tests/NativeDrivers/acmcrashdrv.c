/*
 * A codec that crashes on purpose, for the tests of ACM conversion through isolated drivers: the G.711 codec we ship
 * (drivers/acm/g711.c, compiled in unchanged), except that ACMDM_STREAM_CONVERT dereferences a null pointer while a
 * file "<this driver file>.armed" exists. The driver deletes the file as it faults, so a test converts, arms, and the
 * next conversion crashes in the middle of the stream; the next host runs normally.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

/* G.711's DriverProc under another name: this file's DriverProc puts the switch in front of it. */
#define DriverProc G711DriverProc
#include "../../../drivers/acm/g711.c"
#undef DriverProc

/* Faults if "<this file>.armed" exists, deleting it first. */
static void fault_if_armed(void)
{
    Dl_info self;
    if (dladdr((void *)(uintptr_t)fault_if_armed, &self) == 0 || self.dli_fname == NULL) {
        return;
    }
    char armed[PATH_MAX];
    snprintf(armed, sizeof armed, "%s.armed", self.dli_fname);
    if (unlink(armed) == 0) {
        volatile int *volatile nowhere = NULL;
        *nowhere = 1;
    }
}

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    if (msg == ACMDM_STREAM_CONVERT) {
        fault_if_armed();
    }
    return G711DriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
}
