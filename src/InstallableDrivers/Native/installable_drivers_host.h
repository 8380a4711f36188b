/*
 * The entry points the runtime hands the host library (installable_drivers_host.c) when it attaches: the managed
 * functions each exported Win32 function forwards to. HostEntryPoints.cs is the C# twin of this struct; a test
 * (HostEntryPointsLayoutTests) compiles this header and checks that both agree field by field.
 */
#ifndef INSTALLABLE_DRIVERS_HOST_H
#define INSTALLABLE_DRIVERS_HOST_H

#include "installable_driver.h"

typedef struct {
    HDRVR (*open)(LPCWSTR name, LPCWSTR section, LPARAM lParam2);
    LRESULT (*close)(HDRVR hDriver, LPARAM lParam1, LPARAM lParam2);
    LRESULT (*send)(HDRVR hDriver, UINT message, LPARAM lParam1, LPARAM lParam2);
    HMODULE (*module_handle)(HDRVR hDriver);
    BOOL (*callback)(DWORD_PTR callback, DWORD flags, HDRVR device, DWORD message, DWORD_PTR user, DWORD_PTR p1, DWORD_PTR p2);
} installable_drivers_host;

/* Hands the library the functions its exports forward to: the runtime's, or a driver host process's (isolation_host.c). */
DRIVER_EXPORT void installable_drivers_host_attach(const installable_drivers_host *entry_points);

#endif
