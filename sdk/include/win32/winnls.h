/*
 * Stand-in for the Windows SDK's <winnls.h> off Windows, so that a Win32 driver's source compiles unchanged: add this
 * folder to the include path on Linux and macOS only (-I sdk/include/win32). On Windows leave it out, so the real header
 * is found.
 *
 * Declares MultiByteToWideChar, which codec sources use to fill the WCHAR names of their details structures from
 * char strings. The ANSI code page here is UTF-8 (CP_ACP means CP_UTF8, as on a Windows set to "Use Unicode UTF-8 for
 * worldwide language support"), so ASCII names convert as on any Windows. The host library implements it
 * (src/InstallableDrivers/Native/win32_subset.c); docs/sdk.md lists the whole subset.
 */
#ifndef INSTALLABLE_DRIVERS_COMPAT_WINNLS_H
#define INSTALLABLE_DRIVERS_COMPAT_WINNLS_H

#ifdef _WIN32
#error "sdk/include/win32 stands in for Windows headers off Windows; do not put it on the include path of a Windows build."
#endif

#include "winbase.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Code pages. CP_ACP, CP_OEMCP, CP_MACCP and CP_THREAD_ACP all mean CP_UTF8 here; any other code page is refused. */
#ifndef CP_ACP
#define CP_ACP 0
#endif
#ifndef CP_OEMCP
#define CP_OEMCP 1
#endif
#ifndef CP_MACCP
#define CP_MACCP 2
#endif
#ifndef CP_THREAD_ACP
#define CP_THREAD_ACP 3
#endif
#ifndef CP_UTF8
#define CP_UTF8 65001
#endif

/* Flags. With CP_UTF8, Windows accepts only 0 and MB_ERR_INVALID_CHARS, and so does this implementation. With CP_ACP and
 * the other aliases MB_PRECOMPOSED and MB_USEGLYPHCHARS are accepted and change nothing; MB_COMPOSITE is refused. */
#ifndef MB_PRECOMPOSED
#define MB_PRECOMPOSED 0x00000001
#endif
#ifndef MB_COMPOSITE
#define MB_COMPOSITE 0x00000002
#endif
#ifndef MB_USEGLYPHCHARS
#define MB_USEGLYPHCHARS 0x00000004
#endif
#ifndef MB_ERR_INVALID_CHARS
#define MB_ERR_INVALID_CHARS 0x00000008
#endif

UINT WINAPI GetACP(void);
int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCSTR lpMultiByteStr, int cbMultiByte, LPWSTR lpWideCharStr,
                               int cchWideChar);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif
