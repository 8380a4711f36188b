/*
 * The driver host: a small program that loads one native driver file and runs its DriverProc for an application in
 * another process (docs/isolation.md). A driver that crashes or hangs takes only this process down.
 *
 *   installable-drivers-host <arena fd> <arena address, hex> <arena size> <application pid> <driver file>
 *
 * It maps the arena the application created at the address the application mapped it at (so a pointer into it means
 * the same in both processes), loads the driver, and serves each call slot on a thread of its own, so that calls the
 * application makes at once run at once, as they would in process. The functions a driver calls back in its host
 * (OpenDriver, SendDriverMessage, CloseDriver, GetDriverModuleHandle, DriverCallback) come from the same host library
 * the application loads (installable_drivers_host.c, linked in and exported with -rdynamic); its entry points here
 * forward each call over the slot of the call that made it, or, from a thread of the driver's own, as a request the
 * application's pump thread serves.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "installable_drivers_host.h"
#include "isolation_channel.h"

typedef LRESULT (*driver_proc_fn)(DWORD_PTR, HDRVR, UINT, LPARAM, LPARAM);

/* Another export a service calls (wodMessage, widMessage: five integer arguments, an integer result). Each argument is
 * passed in a full register, so a callee that takes a UINT reads its low half, and the application keeps only the part
 * of the result the export's real type has (a DWORD's low 32 bits). */
typedef int64_t (*export_fn)(int64_t, int64_t, int64_t, int64_t, int64_t);

static idh_header *arena;
static driver_proc_fn driver_proc;
static void *library;

/* The slot whose call this thread is running, or NULL on a thread of the driver's own. */
static _Thread_local idh_slot *current_slot;

/* ---- Serving the application's calls ----------------------------------------------------------------------------- */

static void *serve_slot(void *index);

/* Starts the thread of a slot once. A slot's thread starts the next slot's on its first call, so there is always one
 * idle thread ahead of the application's busiest moment, without a thread per slot from the start. */
static void ensure_thread(int index)
{
    if (index >= IDH_SLOTS) {
        return;
    }
    uint32_t not_started = 0;
    if (atomic_compare_exchange_strong(&idh_slot_of(arena, index)->thread_started, &not_started, 1)) {
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&thread, &attributes, serve_slot, (void *)(intptr_t)index) != 0) {
            atomic_store(&idh_slot_of(arena, index)->thread_started, 0);
        }
        pthread_attr_destroy(&attributes);
    }
}

/* Runs the application's request in a slot and returns the answer (0 for an op this host does not know). */
static int64_t serve_call(idh_slot *slot)
{
    switch (slot->op) {
    case IDH_OP_DRIVERPROC:
        return driver_proc((DWORD_PTR)slot->args[0], (HDRVR)(intptr_t)slot->args[1], (UINT)slot->args[2],
                           (LPARAM)slot->args[3], (LPARAM)slot->args[4]);
    case IDH_OP_FIND_EXPORT:
        /* The name is UTF-8 at the start of the scratch area; NUL-terminated here whatever the application wrote. */
        slot->scratch[IDH_SCRATCH - 1] = 0;
        return (int64_t)(uintptr_t)dlsym(library, slot->scratch);
    case IDH_OP_CALL_EXPORT:
        /* The address FIND_EXPORT answered: the application looks each export up once and calls it by address. */
        return ((export_fn)(uintptr_t)slot->args[0])(slot->args[1], slot->args[2], slot->args[3], slot->args[4], slot->args[5]);
    default:
        return 0;
    }
}

static void *serve_slot(void *index)
{
    idh_slot *slot = idh_slot_of(arena, (int)(intptr_t)index);
    for (;;) {
        idh_wait_for_state(slot, IDH_CALL);
        ensure_thread((int)(intptr_t)index + 1);
        if (slot->op == IDH_OP_EXIT) {
            /* After DRV_FREE: unload the driver as the application would (its destructors run), then end. */
            dlclose(library);
            _exit(0);
        }
        current_slot = slot;
        int64_t result = serve_call(slot);
        current_slot = NULL;
        slot->result = result;
        idh_set_state(slot, IDH_DONE);
    }
    return NULL;
}

/* ---- The driver's calls back into its host, forwarded to the application ----------------------------------------- */

/* Asks the application over the slot of the call this thread runs, or over a borrowed one from a thread of the
 * driver's own (idh_host_ask). */
static int64_t ask_application(uint32_t op, const int64_t *args, int count, LPCWSTR text0, LPCWSTR text1)
{
    return idh_host_ask(arena, current_slot, ensure_thread, op, args, count, (const uint16_t *)text0, (const uint16_t *)text1);
}

static HDRVR forward_open(LPCWSTR name, LPCWSTR section, LPARAM lParam2)
{
    int64_t args[] = { 0, 0, lParam2 };
    return (HDRVR)(intptr_t)ask_application(IDH_OP_OPEN, args, 3, name, section);
}

static LRESULT forward_close(HDRVR hDriver, LPARAM lParam1, LPARAM lParam2)
{
    int64_t args[] = { (int64_t)(intptr_t)hDriver, lParam1, lParam2 };
    return (LRESULT)ask_application(IDH_OP_CLOSE, args, 3, NULL, NULL);
}

static LRESULT forward_send(HDRVR hDriver, UINT message, LPARAM lParam1, LPARAM lParam2)
{
    int64_t args[] = { (int64_t)(intptr_t)hDriver, message, lParam1, lParam2 };
    return (LRESULT)ask_application(IDH_OP_SEND, args, 4, NULL, NULL);
}

static HMODULE forward_module_handle(HDRVR hDriver)
{
    int64_t args[] = { (int64_t)(intptr_t)hDriver };
    return (HMODULE)(intptr_t)ask_application(IDH_OP_MODULE_HANDLE, args, 1, NULL, NULL);
}

static BOOL forward_callback(DWORD_PTR callback, DWORD flags, HDRVR device, DWORD message, DWORD_PTR user, DWORD_PTR p1,
                             DWORD_PTR p2)
{
    int64_t args[] = { (int64_t)callback, flags, (int64_t)(intptr_t)device, message, (int64_t)user, (int64_t)p1, (int64_t)p2 };
    return (BOOL)ask_application(IDH_OP_CALLBACK, args, 7, NULL, NULL);
}

/* ---- main -------------------------------------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: %s <arena fd> <arena address, hex> <arena size> <application pid> <driver file>\n", argv[0]);
        return IDH_EXIT_USAGE;
    }
    idh_host_no_core_dumps();
    arena = idh_host_map_arena(atoi(argv[1]), strtoull(argv[2], NULL, 16), strtoull(argv[3], NULL, 10));

    static const installable_drivers_host forwarders = {
        forward_open, forward_close, forward_send, forward_module_handle, forward_callback,
    };
    installable_drivers_host_attach(&forwarders);

    char reason[IDH_ERROR_TEXT];
    library = dlopen(argv[5], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(reason, sizeof reason, "the host could not load the driver: %s", dlerror());
        idh_host_fail(arena, IDH_EXIT_DRIVER, reason);
    }
    driver_proc = (driver_proc_fn)(uintptr_t)dlsym(library, "DriverProc");
    if (driver_proc == NULL) {
        snprintf(reason, sizeof reason, "'%s' exports no DriverProc", argv[5]);
        idh_host_fail(arena, IDH_EXIT_DRIVER, reason);
    }
    ensure_thread(0);
    idh_host_ready(arena, (uint64_t)(uintptr_t)library, atoi(argv[4]));
    idh_host_wait_for_application();
    _exit(0);
}
