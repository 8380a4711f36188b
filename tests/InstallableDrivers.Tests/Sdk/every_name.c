/*
 * A driver that uses every name installable_driver.h declares. SdkHeaderTests compiles it as C99, C11 and C++
 * with -Wall -Wextra -Werror -pedantic: each name must exist, have a usable type, and draw no warning. The
 * constants appear as switch labels and array initializers, which only integer constant expressions may be.
 */
#include "installable_driver.h"

typedef struct EVERY_TYPE {
    BYTE byte_value;
    WORD word_value;
    DWORD dword_value;
    LONG long_value;
    UINT uint_value;
    INT int_value;
    BOOL bool_value;
    WCHAR wchar_value;
    LPWSTR wide_text;
    LPCWSTR const_wide_text;
    LPVOID pointer;
    LPCVOID const_pointer;
    INT_PTR int_ptr;
    UINT_PTR uint_ptr;
    LONG_PTR long_ptr;
    ULONG_PTR ulong_ptr;
    DWORD_PTR dword_ptr;
    WPARAM wparam;
    LPARAM lparam;
    LRESULT lresult;
    HANDLE handle;
    HDRVR hdrvr;
    HINSTANCE hinstance;
    HMODULE hmodule;
    HWND hwnd;
    DRIVERPROC proc;
    LPDRVCALLBACK callback;
    PDRVCALLBACK same_callback;
    DRVCONFIGINFO info;
    PDRVCONFIGINFO info_pointer;
    NPDRVCONFIGINFO near_info_pointer;
    LPDRVCONFIGINFO far_info_pointer;
    DRVCONFIGINFOEX info_ex;
    PDRVCONFIGINFOEX info_ex_pointer;
    NPDRVCONFIGINFOEX near_info_ex_pointer;
    LPDRVCONFIGINFOEX far_info_ex_pointer;
} EVERY_TYPE;

static EVERY_TYPE state;

static const DWORD open_flags[] = {
    CALLBACK_TYPEMASK, CALLBACK_NULL, CALLBACK_WINDOW, CALLBACK_TASK, CALLBACK_THREAD, CALLBACK_FUNCTION,
    CALLBACK_EVENT,
};

static const UINT callback_types[] = {
    DCB_NULL, DCB_WINDOW, DCB_TASK, DCB_FUNCTION, DCB_EVENT, DCB_TYPEMASK, DCB_NOSWITCH,
};

static const LRESULT results[] = {
    DRVCNF_CANCEL, DRVCNF_OK, DRVCNF_RESTART, DRV_CANCEL, DRV_OK, DRV_RESTART, DRV_SUCCESS, DRV_FAILURE,
    DRVEA_NORMALEXIT, DRVEA_ABNORMALEXIT,
};

/* The old decorations still compile: FAR, NEAR, PASCAL, WINAPI, CALLBACK. */
static void CALLBACK notify(HDRVR hdrvr, UINT msg, DWORD_PTR user, DWORD_PTR param1, DWORD_PTR param2)
{
    state.hdrvr = hdrvr;
    state.uint_value = msg;
    state.dword_ptr = user + param1 + param2;
}

static LRESULT FAR PASCAL configure(const DRVCONFIGINFO NEAR *info)
{
    return info != NULL && info->dwDCISize >= sizeof(DRVCONFIGINFO) ? DRVCNF_OK : DRVCNF_CANCEL;
}

static BOOL WINAPI is_callback_flag(DWORD flags, UINT type)
{
    return ((flags & CALLBACK_TYPEMASK) >> 16) == type ? TRUE : FALSE;
}

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    state.proc = DriverProc;
    state.callback = notify;
    state.same_callback = state.callback;
    switch (msg) {
    case DRV_LOAD:
    case DRV_ENABLE:
    case DRV_DISABLE:
    case DRV_FREE:
    case DRV_INSTALL:
    case DRV_REMOVE:
        return DRV_SUCCESS;
    case DRV_OPEN:
        state.const_wide_text = (LPCWSTR)lParam1;
        state.lparam = lParam2;
        return 1;
    case DRV_CLOSE:
    case DRV_EXITSESSION:
    case DRV_EXITAPPLICATION:
    case DRV_POWER:
        return results[lParam1 == DRVEA_ABNORMALEXIT ? 9 : 8];
    case DRV_QUERYCONFIGURE:
        return TRUE;
    case DRV_CONFIGURE:
        return configure((LPDRVCONFIGINFO)lParam2);
    default:
        if (msg >= DRV_MCI_FIRST && msg <= DRV_MCI_LAST)
            return FALSE;
        if (msg >= DRV_USER)
            return is_callback_flag(open_flags[msg % 7], callback_types[msg % 7]);
        return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}
