/*
 * Stand-in for the Windows SDK's <windef.h> (and the parts of <winnt.h> it brings along) off Windows, so that a Win32
 * driver's source compiles unchanged: add this folder to the include path on Linux and macOS only
 * (-I sdk/include/win32). On Windows leave it out, so the real header is found.
 *
 * The scalar types, handles and DriverProc come from installable_driver.h; this adds the rest of the basic vocabulary
 * Win32 sources take for granted: the narrow string types, pointer aliases, more handle types, TCHAR and TEXT(), and
 * the word-splitting macros (LOWORD, HIWORD, MAKELONG, ...) and min/max. docs/sdk.md lists the whole subset.
 */
#ifndef INSTALLABLE_DRIVERS_COMPAT_WINDEF_H
#define INSTALLABLE_DRIVERS_COMPAT_WINDEF_H

#ifdef _WIN32
#error "sdk/include/win32 stands in for Windows headers off Windows; do not put it on the include path of a Windows build."
#endif

#include "../installable_driver.h"

/* ---- More scalar types (C11 allows a typedef to be repeated with the same type, as other stand-ins may) ---------- */
typedef char CHAR;
typedef unsigned char UCHAR;
typedef int16_t SHORT;
typedef uint16_t USHORT;
typedef uint32_t ULONG;
typedef int64_t LONGLONG;
typedef uint64_t ULONGLONG;
typedef float FLOAT;
typedef BYTE BOOLEAN;
typedef size_t SIZE_T;

typedef void *PVOID;
typedef BYTE *PBYTE, *LPBYTE;
typedef WORD *PWORD, *LPWORD;
typedef DWORD *PDWORD, *LPDWORD;
typedef LONG *PLONG, *LPLONG;
typedef INT *PINT, *LPINT;
typedef UINT *PUINT, *LPUINT;
typedef BOOL *PBOOL, *LPBOOL;
typedef CHAR *PCHAR, *PSTR, *LPSTR;
typedef const CHAR *PCSTR, *LPCSTR;
typedef WCHAR *PWCHAR, *PWSTR;
typedef const WCHAR *PCWSTR;

#ifndef VOID
#define VOID void
#endif
#ifndef CONST
#define CONST const
#endif
#ifndef APIENTRY
#define APIENTRY WINAPI
#endif
#ifndef UNREFERENCED_PARAMETER
#define UNREFERENCED_PARAMETER(P) ((void)(P))
#endif
#ifndef MAX_PATH
#define MAX_PATH 260
#endif

/* ---- TCHAR: char, or WCHAR when UNICODE is defined ----------------------------------------------------------------
 * TEXT("x") becomes L"x" under UNICODE, which is a WCHAR string only with a 16-bit wchar_t: compile with
 * -fshort-wchar (docs/sdk.md). */
#ifdef UNICODE
typedef WCHAR TCHAR;
#define INSTALLABLE_DRIVERS_TEXT(quote) L##quote
#else
typedef CHAR TCHAR;
#define INSTALLABLE_DRIVERS_TEXT(quote) quote
#endif
#ifndef TEXT
#define TEXT(quote) INSTALLABLE_DRIVERS_TEXT(quote)
#endif
typedef TCHAR *PTSTR, *LPTSTR;
typedef const TCHAR *PCTSTR, *LPCTSTR;

/* ---- More handles, opaque as in installable_driver.h ------------------------------------------------------------ */
typedef HANDLE HGLOBAL;
typedef HANDLE HLOCAL;
typedef struct HICON__ *HICON;
typedef HICON HCURSOR;
typedef struct HDC__ *HDC;
typedef struct HBRUSH__ *HBRUSH;
typedef struct HFONT__ *HFONT;
typedef struct HMENU__ *HMENU;
typedef struct HBITMAP__ *HBITMAP;

typedef DWORD COLORREF; /* 0x00bbggrr, made by wingdi.h's RGB() */
typedef DWORD *LPCOLORREF;

typedef struct tagRECT {
    LONG left;
    LONG top;
    LONG right;
    LONG bottom;
} RECT, *PRECT, *LPRECT;

typedef struct tagPOINT {
    LONG x;
    LONG y;
} POINT, *PPOINT, *LPPOINT;

/* ---- Splitting and joining words -------------------------------------------------------------------------------
 * Each casts through the pointer-sized unsigned type first, as windef.h does, so an LPARAM or a pointer splits
 * without a warning. */
#ifndef LOBYTE
#define LOBYTE(w) ((BYTE)(((DWORD_PTR)(w)) & 0xff))
#endif
#ifndef HIBYTE
#define HIBYTE(w) ((BYTE)((((DWORD_PTR)(w)) >> 8) & 0xff))
#endif
#ifndef LOWORD
#define LOWORD(l) ((WORD)(((DWORD_PTR)(l)) & 0xffff))
#endif
#ifndef HIWORD
#define HIWORD(l) ((WORD)((((DWORD_PTR)(l)) >> 16) & 0xffff))
#endif
#ifndef MAKEWORD
#define MAKEWORD(low, high) ((WORD)(((BYTE)(((DWORD_PTR)(low)) & 0xff)) | ((WORD)((BYTE)(((DWORD_PTR)(high)) & 0xff))) << 8))
#endif
#ifndef MAKELONG
#define MAKELONG(low, high) ((LONG)(((WORD)(((DWORD_PTR)(low)) & 0xffff)) | ((DWORD)((WORD)(((DWORD_PTR)(high)) & 0xffff))) << 16))
#endif
#ifndef MAKEWPARAM
#define MAKEWPARAM(low, high) ((WPARAM)(DWORD)MAKELONG(low, high))
#endif
#ifndef MAKELPARAM
#define MAKELPARAM(low, high) ((LPARAM)(DWORD)MAKELONG(low, high))
#endif
#ifndef MAKELRESULT
#define MAKELRESULT(low, high) ((LRESULT)(DWORD)MAKELONG(low, high))
#endif

/* min and max as windef.h defines them: macros that evaluate an argument twice. Define NOMINMAX before including
 * this header to keep them out (C++ code that uses std::min must). */
#ifndef NOMINMAX
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#endif

#endif
