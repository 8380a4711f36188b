/*
 * Stand-in for the Windows SDK's <windows.h> off Windows, so that a Win32 driver's source compiles unchanged: add this
 * folder to the include path on Linux and macOS only (-I sdk/include/win32). On Windows leave it out, so the real header
 * is found.
 *
 * Like the real one it is the sum of the headers below (each also includable by itself): everything a DriverProc
 * needs comes from installable_driver.h, and the Win32 subset codec sources use from windef.h, winbase.h, wingdi.h,
 * winuser.h and winnls.h. docs/sdk.md lists that subset. mmsystem.h comes too unless WIN32_LEAN_AND_MEAN is defined,
 * as on Windows.
 */
#ifndef INSTALLABLE_DRIVERS_COMPAT_WINDOWS_H
#define INSTALLABLE_DRIVERS_COMPAT_WINDOWS_H

#ifdef _WIN32
#error "sdk/include/win32 stands in for Windows headers off Windows; do not put it on the include path of a Windows build."
#endif

#include "../installable_driver.h"
#include "windef.h"
#include "winbase.h"
#include "wingdi.h"
#include "winuser.h"
#include "winnls.h"
#ifndef WIN32_LEAN_AND_MEAN
#include "mmsystem.h"
#endif

#endif
