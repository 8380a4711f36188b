/*
 * Stand-in for the Windows SDK's <wingdi.h> off Windows, so that a Win32 driver's source compiles unchanged: add this
 * folder to the include path on Linux and macOS only (-I sdk/include/win32). On Windows leave it out, so the real header
 * is found.
 *
 * Codec sources include it (directly or through windows.h) but draw nothing: a hosted driver has no display. It holds
 * the colour macros only; no GDI function is provided (docs/sdk.md lists the subset that is).
 */
#ifndef INSTALLABLE_DRIVERS_COMPAT_WINGDI_H
#define INSTALLABLE_DRIVERS_COMPAT_WINGDI_H

#ifdef _WIN32
#error "sdk/include/win32 stands in for Windows headers off Windows; do not put it on the include path of a Windows build."
#endif

#include "windef.h"

#ifndef RGB
#define RGB(r, g, b) ((COLORREF)(((BYTE)(r) | ((WORD)((BYTE)(g)) << 8)) | (((DWORD)(BYTE)(b)) << 16)))
#endif
#ifndef GetRValue
#define GetRValue(rgb) (LOBYTE(rgb))
#define GetGValue(rgb) (LOBYTE(((WORD)(rgb)) >> 8))
#define GetBValue(rgb) (LOBYTE((rgb) >> 16))
#endif

#endif
