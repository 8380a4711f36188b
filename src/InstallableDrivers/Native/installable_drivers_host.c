/*
 * The host library: off Windows, the functions a Win32 driver calls back in its host (OpenDriver, SendDriverMessage,
 * CloseDriver, GetDriverModuleHandle, DrvGetModuleHandle, DriverCallback) must be exported by some loaded library,
 * as winmm.dll exports them on Windows. The runtime loads this one with RTLD_GLOBAL before any driver and hands it
 * the managed entry points; each function here only forwards. Until then (or if the runtime never attached), each
 * answers as for an invalid handle.
 */
#include "installable_drivers_host.h"

static installable_drivers_host host;

DRIVER_EXPORT void installable_drivers_host_attach(const installable_drivers_host *entry_points)
{
    host = *entry_points;
}

DRIVER_EXPORT HDRVR WINAPI OpenDriver(LPCWSTR szDriverName, LPCWSTR szSectionName, LPARAM lParam2)
{
    return host.open != NULL ? host.open(szDriverName, szSectionName, lParam2) : NULL;
}

DRIVER_EXPORT LRESULT WINAPI CloseDriver(HDRVR hDriver, LPARAM lParam1, LPARAM lParam2)
{
    return host.close != NULL ? host.close(hDriver, lParam1, lParam2) : 0;
}

DRIVER_EXPORT LRESULT WINAPI SendDriverMessage(HDRVR hDriver, UINT message, LPARAM lParam1, LPARAM lParam2)
{
    return host.send != NULL ? host.send(hDriver, message, lParam1, lParam2) : 0;
}

DRIVER_EXPORT HMODULE WINAPI GetDriverModuleHandle(HDRVR hDriver)
{
    return host.module_handle != NULL ? host.module_handle(hDriver) : NULL;
}

DRIVER_EXPORT HMODULE WINAPI DrvGetModuleHandle(HDRVR hDriver)
{
    return GetDriverModuleHandle(hDriver);
}

DRIVER_EXPORT BOOL WINAPI DriverCallback(DWORD_PTR dwCallback, DWORD dwFlags, HDRVR hDevice, DWORD dwMsg, DWORD_PTR dwUser,
                                         DWORD_PTR dwParam1, DWORD_PTR dwParam2)
{
    return host.callback != NULL ? host.callback(dwCallback, dwFlags, hDevice, dwMsg, dwUser, dwParam1, dwParam2) : FALSE;
}
