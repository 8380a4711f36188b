/*
 * A driver that calls a Win32 function no library here provides (DialogBoxParamW: resource dialogs are outside the
 * host's Win32 subset): it must fail to open with the linker's reason, not crash the host when the call is reached.
 */
#include <installable_driver.h>

intptr_t DialogBoxParamW(HINSTANCE hInstance, LPCWSTR lpTemplateName, HWND hWndParent, void *lpDialogFunc, LPARAM dwInitParam);

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    if (msg == DRV_CONFIGURE) {
        static const WCHAR text[] = { 'h', 'i', 0 };
        return DialogBoxParamW(NULL, text, NULL, NULL, 0);
    }
    return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
}
