/*
 * Stand-in for the Windows SDK's <mmddk.h> off Windows, so that a Win32 driver's source compiles unchanged: add this
 * folder to the include path on Linux and macOS only (-I sdk/include/win32). On Windows leave it out, so the real header
 * is found. Everything a DriverProc needs comes from installable_driver.h.
 */
#ifndef INSTALLABLE_DRIVERS_COMPAT_MMDDK_H
#define INSTALLABLE_DRIVERS_COMPAT_MMDDK_H

#ifdef _WIN32
#error "sdk/include/win32 stands in for Windows headers off Windows; do not put it on the include path of a Windows build."
#endif

#include "../installable_driver.h"

#endif
