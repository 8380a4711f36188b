/*
 * A driver that loads a helper library at run time, as many codecs do: LoadLibrary, GetProcAddress, FreeLibrary from
 * the Win32 subset (sdk/include/win32/winbase.h), resolved against the host library when the driver is loaded.
 *
 *   DRV_OPEN:     1 (any instance opens)
 *   DRV_USER + 1: loads the library at the UTF-8 path lParam1, calls its DriverProc with DRV_USER + 1 (lParam2, 1) and
 *                 frees it: that answer, or -(GetLastError()) of the step that failed.
 *   DRV_USER + 2: GetProcAddress of the UTF-8 name lParam2 in the library at lParam1: 1 if found, else -(GetLastError()).
 */
#include <windows.h>

typedef LRESULT (CALLBACK *HELPERPROC)(DWORD_PTR, HDRVR, UINT, LPARAM, LPARAM);

static LRESULT failed(void)
{
    return -(LRESULT)GetLastError();
}

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    if (msg == DRV_OPEN) {
        return 1;
    }
    if (msg == DRV_USER + 1 || msg == DRV_USER + 2) {
        HMODULE helper = LoadLibrary((LPCSTR)lParam1);
        if (helper == NULL) {
            return failed();
        }
        LPCSTR name = msg == DRV_USER + 1 ? "DriverProc" : (LPCSTR)lParam2;
        HELPERPROC proc = (HELPERPROC)GetProcAddress(helper, name);
        LRESULT result = proc == NULL ? failed() : msg == DRV_USER + 2 ? 1 : proc(0, NULL, DRV_USER + 1, lParam2, 1);
        if (!FreeLibrary(helper)) {
            return failed();
        }
        return result;
    }
    return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
}
