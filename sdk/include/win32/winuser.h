/*
 * Stand-in for the Windows SDK's <winuser.h> off Windows, so that a Win32 driver's source compiles unchanged: add this
 * folder to the include path on Linux and macOS only (-I sdk/include/win32). On Windows leave it out, so the real header
 * is found.
 *
 * Of the user interface, only the message box that codecs show for ACMDM_DRIVER_ABOUT and DRV_CONFIGURE. A hosted
 * driver has no display, so MessageBoxA and MessageBoxW show nothing: they write the caption and text to standard
 * error, as one line, and return at once with the answer of a user who pressed Enter, i.e. chose the default button
 * (IDOK for MB_OK and MB_OKCANCEL). The host library implements them (src/InstallableDrivers/Native/win32_subset.c);
 * docs/sdk.md lists the whole subset.
 */
#ifndef INSTALLABLE_DRIVERS_COMPAT_WINUSER_H
#define INSTALLABLE_DRIVERS_COMPAT_WINUSER_H

#ifdef _WIN32
#error "sdk/include/win32 stands in for Windows headers off Windows; do not put it on the include path of a Windows build."
#endif

#include "windef.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Buttons (the low 4 bits of uType). */
#ifndef MB_OK
#define MB_OK 0x00000000
#define MB_OKCANCEL 0x00000001
#define MB_ABORTRETRYIGNORE 0x00000002
#define MB_YESNOCANCEL 0x00000003
#define MB_YESNO 0x00000004
#define MB_RETRYCANCEL 0x00000005
#define MB_CANCELTRYCONTINUE 0x00000006
#define MB_TYPEMASK 0x0000000F
#endif

/* Icons (no effect here). */
#ifndef MB_ICONHAND
#define MB_ICONHAND 0x00000010
#define MB_ICONQUESTION 0x00000020
#define MB_ICONEXCLAMATION 0x00000030
#define MB_ICONASTERISK 0x00000040
#define MB_USERICON 0x00000080
#define MB_ICONWARNING MB_ICONEXCLAMATION
#define MB_ICONERROR MB_ICONHAND
#define MB_ICONINFORMATION MB_ICONASTERISK
#define MB_ICONSTOP MB_ICONHAND
#define MB_ICONMASK 0x000000F0
#endif

/* The default button: the one the answer is. */
#ifndef MB_DEFBUTTON1
#define MB_DEFBUTTON1 0x00000000
#define MB_DEFBUTTON2 0x00000100
#define MB_DEFBUTTON3 0x00000200
#define MB_DEFBUTTON4 0x00000300
#define MB_DEFMASK 0x00000F00
#endif

/* Modality and the rest (no effect here). */
#ifndef MB_APPLMODAL
#define MB_APPLMODAL 0x00000000
#define MB_SYSTEMMODAL 0x00001000
#define MB_TASKMODAL 0x00002000
#define MB_HELP 0x00004000
#define MB_NOFOCUS 0x00008000
#define MB_SETFOREGROUND 0x00010000
#define MB_DEFAULT_DESKTOP_ONLY 0x00020000
#define MB_TOPMOST 0x00040000
#define MB_RIGHT 0x00080000
#define MB_RTLREADING 0x00100000
#define MB_SERVICE_NOTIFICATION 0x00200000
#endif

/* What MessageBox returns: the button chosen. */
#ifndef IDOK
#define IDOK 1
#define IDCANCEL 2
#define IDABORT 3
#define IDRETRY 4
#define IDIGNORE 5
#define IDYES 6
#define IDNO 7
#define IDTRYAGAIN 10
#define IDCONTINUE 11
#endif

/* GetLastError after MessageBox refused a uType whose buttons value names no set of buttons. */
#ifndef ERROR_INVALID_MSGBOX_STYLE
#define ERROR_INVALID_MSGBOX_STYLE 1438
#endif

int WINAPI MessageBoxA(HWND hWnd, LPCSTR lpText, LPCSTR lpCaption, UINT uType);
int WINAPI MessageBoxW(HWND hWnd, LPCWSTR lpText, LPCWSTR lpCaption, UINT uType);

#ifdef UNICODE
#define MessageBox MessageBoxW
#else
#define MessageBox MessageBoxA
#endif

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif
