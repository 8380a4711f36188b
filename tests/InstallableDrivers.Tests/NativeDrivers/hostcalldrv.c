/*
 * A driver that calls back into its host, as Win32 drivers do: GetDriverModuleHandle during DRV_LOAD, SendDriverMessage
 * and CloseDriver on its own handle, OpenDriver of another driver, DriverCallback to notify a client. Off Windows these
 * resolve against the runtime's host library (src/InstallableDrivers/Native/installable_drivers_host.c).
 *
 *   DRV_LOAD      -> 1 if GetDriverModuleHandle(hdrvr) answered, else 0 (refusing the load)
 *   DRV_USER + 1  -> the module handle GetDriverModuleHandle gave during DRV_LOAD
 *   DRV_USER + 2  -> SendDriverMessage(hdrvr, DRV_USER + 3, lParam1, 0) + 1
 *   DRV_USER + 3  -> lParam1 * 10
 *   DRV_USER + 4  -> DriverCallback(lParam1, DCB_FUNCTION, hdrvr, 0x3C1, 7, 8, 9)
 *   DRV_USER + 5  -> opens "tracedrv", sends it DRV_USER + 1 (20, 22), closes it: the answer (42), or -1
 *   DRV_USER + 6  -> CloseDriver(hdrvr, 0, 0): closes itself from inside a message
 *
 * It also exports an entry point besides DriverProc, shaped like a wave driver's wodMessage, for the host to find by
 * name and call (DriverManager.GetEntryPoint):
 *   extMessage(_, 1, _, p1, _) -> p1 * 3
 *   extMessage(_, 2, _, _, _)  -> opens "probe" through the host (an alias only some managers have) and sends it
 *                                 DRV_USER + 1 (20, 22), as DRV_USER + 5 does: the answer (42), or -1
 */
#include <installable_driver.h>

static HMODULE module_at_load;

/* Opens another driver through the host, asks it DRV_USER + 1 (20, 22) and closes it: its answer, or -1. */
static LRESULT ask_another(LPCWSTR name)
{
    HDRVR other = OpenDriver(name, NULL, 0);
    if (other == NULL) {
        return -1;
    }
    LRESULT answer = SendDriverMessage(other, DRV_USER + 1, 20, 22);
    CloseDriver(other, 0, 0);
    return answer;
}

DRIVER_EXPORT DWORD CALLBACK extMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2);

DRIVER_EXPORT DWORD CALLBACK extMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2)
{
    static const WCHAR probe[] = { 'p', 'r', 'o', 'b', 'e', 0 };
    (void)uDeviceID;
    (void)dwUser;
    (void)dwParam2;
    switch (uMsg) {
    case 1:
        return (DWORD)(dwParam1 * 3);
    case 2:
        return (DWORD)ask_another(probe);
    default:
        return 0;
    }
}

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    switch (msg) {
    case DRV_LOAD:
        module_at_load = GetDriverModuleHandle(hdrvr);
        return module_at_load != NULL;
    case DRV_OPEN:
        return 1;
    case DRV_USER + 1:
        return (LRESULT)module_at_load;
    case DRV_USER + 2:
        return SendDriverMessage(hdrvr, DRV_USER + 3, lParam1, 0) + 1;
    case DRV_USER + 3:
        return lParam1 * 10;
    case DRV_USER + 4:
        return DriverCallback((DWORD_PTR)lParam1, DCB_FUNCTION, hdrvr, 0x3C1, 7, 8, 9);
    case DRV_USER + 5: {
        static const WCHAR name[] = { 't', 'r', 'a', 'c', 'e', 'd', 'r', 'v', 0 };
        return ask_another(name);
    }
    case DRV_USER + 6:
        return CloseDriver(hdrvr, 0, 0);
    default:
        return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}
