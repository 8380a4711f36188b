/*
 * installable_driver.h - what a Win32 installable driver's DriverProc needs, on every platform.
 *
 * A driver written against <windows.h>/<mmsystem.h> compiles against this header unchanged on Linux and macOS,
 * and the InstallableDrivers runtime hosts the resulting shared library from .NET. The contract it implements is
 * docs/contract.md (#constants and #types); docs/sdk.md tells a driver author how to build.
 *
 * On Windows the real headers are used and this file adds only what they lack (DRIVER_EXPORT, and the few
 * constants that moved out of mmsystem.h over the years), so a driver built there is an ordinary winmm driver.
 * Everywhere else this file declares the Win32 types itself, at their Win32 sizes: the runtime passes the same
 * bytes on every platform, so a DWORD must be 32 bits even where `unsigned long` is 64.
 */
#ifndef INSTALLABLE_DRIVER_H
#define INSTALLABLE_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#ifdef _WIN32

/* mmsystem.h is included explicitly because WIN32_LEAN_AND_MEAN, which many drivers define, leaves it out. */
#include <windows.h>
#include <mmsystem.h>

/* Exported from the DLL by name. 32-bit drivers also want a .def file: there __declspec(dllexport) on a WINAPI
 * function exports the decorated name _DriverProc@20, which a lookup of "DriverProc" does not find. */
#ifndef DRIVER_EXPORT
#ifdef __cplusplus
#define DRIVER_EXPORT extern "C" __declspec(dllexport)
#else
#define DRIVER_EXPORT __declspec(dllexport)
#endif
#endif

#else /* not _WIN32 */

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Calling conventions and decorations -------------------------------------------------------------------
 * Win32 code spells the calling convention into every callback (WINAPI, CALLBACK; PASCAL and FAR in sources of
 * the Windows 3.1 lineage). Outside 32-bit Windows there is one C calling convention, so they mean nothing. */
#ifndef WINAPI
#define WINAPI
#endif
#ifndef CALLBACK
#define CALLBACK
#endif
#ifndef PASCAL
#define PASCAL
#endif
#ifndef FAR
#define FAR
#endif
#ifndef NEAR
#define NEAR
#endif

/* The runtime finds the driver with dlsym("DriverProc"). Default visibility keeps that symbol exported even when
 * the driver is built with -fvisibility=hidden; extern "C" keeps a C++ driver's name unmangled. */
#ifndef DRIVER_EXPORT
#if defined(__GNUC__) || defined(__clang__)
#define DRIVER_EXPORT_VISIBILITY __attribute__((visibility("default")))
#else
#define DRIVER_EXPORT_VISIBILITY
#endif
#ifdef __cplusplus
#define DRIVER_EXPORT extern "C" DRIVER_EXPORT_VISIBILITY
#else
#define DRIVER_EXPORT DRIVER_EXPORT_VISIBILITY
#endif
#endif

/* ---- Scalar types, at their Win32 sizes --------------------------------------------------------------------
 * Fixed-width types, not the C keywords windows.h uses: Win32 is LLP64 (long is 32 bits), Linux and macOS are
 * LP64 (long is 64 bits), so `typedef unsigned long DWORD` would silently double every DWORD here. */
typedef uint8_t BYTE;
typedef uint16_t WORD;
typedef uint32_t DWORD;
typedef int32_t LONG;
typedef unsigned int UINT;
typedef int INT;
typedef int BOOL; /* an int, not C's bool: Win32 code returns and compares BOOLs as ints */

#ifndef FALSE
#define FALSE 0
#endif
#ifndef TRUE
#define TRUE 1
#endif

/* WCHAR is one UTF-16 code unit, as on Windows, and not wchar_t: wchar_t is 32 bits (UTF-32) on Linux and macOS,
 * so the runtime's UTF-16 strings would be misread two units at a time. L"" literals and the wcs* functions are
 * wchar_t's and so do not apply to WCHAR strings; C11's u"" literals do. C++ gets char16_t, the type of its u""
 * literals; C gets uint16_t, which is what C11's char16_t is on these platforms, without needing <uchar.h>,
 * which not every C library has. */
#if defined(__cplusplus) && __cplusplus >= 201103L
typedef char16_t WCHAR;
#else
typedef uint16_t WCHAR;
#endif
typedef WCHAR *LPWSTR;
typedef const WCHAR *LPCWSTR;

typedef void *LPVOID;
typedef const void *LPCVOID;

/* Pointer-sized integers: a driver id, an lParam and a result all carry pointers on 64-bit platforms. */
typedef intptr_t INT_PTR;
typedef uintptr_t UINT_PTR;
typedef intptr_t LONG_PTR;
typedef uintptr_t ULONG_PTR;
typedef ULONG_PTR DWORD_PTR;
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM;
typedef LONG_PTR LRESULT;

/* ---- Handles ------------------------------------------------------------------------------------------------
 * Distinct pointer types to incomplete structs, as windows.h's DECLARE_HANDLE makes them under STRICT: opaque to
 * the driver, and the compiler rejects passing one kind of handle where another is expected. */
typedef void *HANDLE;
typedef struct HDRVR__ *HDRVR;
typedef struct HINSTANCE__ *HINSTANCE;
typedef HINSTANCE HMODULE;
typedef struct HWND__ *HWND; /* what lParam1 of DRV_CONFIGURE carries: the parent window, or 0 */

/* ---- The driver entry point (docs/contract.md#types) --------------------------------------------------------------- */
typedef LRESULT (CALLBACK *DRIVERPROC)(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2);

/* Declared here, though the driver defines it, for three reasons. A definition without DRIVER_EXPORT inherits
 * the export (and in C++ the C linkage) from this declaration, so unchanged sources build even with
 * -fvisibility=hidden. A definition with a 16- or 32-bit signature (DWORD dwDriverId, LONG lParam1) is a compile
 * error here instead of an id or pointer cut to 32 bits at run time. And -Wmissing-prototypes stays quiet. */
DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2);

/* What a DCB_FUNCTION callback looks like: a driver that keeps a callback address calls it through this type. */
typedef void (CALLBACK DRVCALLBACK)(HDRVR hdrvr, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dw1, DWORD_PTR dw2);
typedef DRVCALLBACK *LPDRVCALLBACK;
typedef DRVCALLBACK *PDRVCALLBACK;

/* ---- Configuration block (lParam2 of DRV_CONFIGURE and DRV_INSTALL) ----------------------------------------
 * mmsystem.h packs all its structures to 1 byte, so the pointers follow the DWORD without padding: 20 bytes on
 * 64-bit (offsets 0, 4, 12), 12 on 32-bit. The runtime lays them out the same way. */
#pragma pack(push, 1)
typedef struct tagDRVCONFIGINFO {
    DWORD dwDCISize;            /* sizeof the structure: tells DRVCONFIGINFO from DRVCONFIGINFOEX */
    LPCWSTR lpszDCISectionName; /* registry section the driver is listed in, e.g. u"Drivers32" */
    LPCWSTR lpszDCIAliasName;   /* the driver's alias there, e.g. u"wave1" */
} DRVCONFIGINFO, *PDRVCONFIGINFO, NEAR *NPDRVCONFIGINFO, FAR *LPDRVCONFIGINFO;

typedef struct DRVCONFIGINFOEX {
    DWORD dwDCISize;
    LPCWSTR lpszDCISectionName;
    LPCWSTR lpszDCIAliasName;
    DWORD dnDevNode; /* plug-and-play device node */
} DRVCONFIGINFOEX, *PDRVCONFIGINFOEX, NEAR *NPDRVCONFIGINFOEX, FAR *LPDRVCONFIGINFOEX;
#pragma pack(pop)

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* not _WIN32 */

/* ---- Constants (docs/contract.md#constants) ----------------------------------------------------------------------------
 * Defined on every platform, each only if not yet defined: on Windows, mmsystem.h has most of them and mmddk.h
 * the DCB_* ones, and the Windows 3.1 names DRV_EXITAPPLICATION, DRVEA_* and DRV_SUCCESS/DRV_FAILURE are in
 * neither any more. The spellings match the Windows headers', so including those as well redefines nothing. */

/* Messages a DriverProc receives. */
#ifndef DRV_LOAD
#define DRV_LOAD 0x0001
#endif
#ifndef DRV_ENABLE
#define DRV_ENABLE 0x0002
#endif
#ifndef DRV_OPEN
#define DRV_OPEN 0x0003
#endif
#ifndef DRV_CLOSE
#define DRV_CLOSE 0x0004
#endif
#ifndef DRV_DISABLE
#define DRV_DISABLE 0x0005
#endif
#ifndef DRV_FREE
#define DRV_FREE 0x0006
#endif
#ifndef DRV_CONFIGURE
#define DRV_CONFIGURE 0x0007
#endif
#ifndef DRV_QUERYCONFIGURE
#define DRV_QUERYCONFIGURE 0x0008
#endif
#ifndef DRV_INSTALL
#define DRV_INSTALL 0x0009
#endif
#ifndef DRV_REMOVE
#define DRV_REMOVE 0x000A
#endif
#ifndef DRV_EXITSESSION
#define DRV_EXITSESSION 0x000B
#endif
#ifndef DRV_EXITAPPLICATION
#define DRV_EXITAPPLICATION 0x000C
#endif
#ifndef DRV_POWER
#define DRV_POWER 0x000F
#endif
#ifndef DRV_RESERVED
#define DRV_RESERVED 0x0800
#endif
#ifndef DRV_MCI_FIRST
#define DRV_MCI_FIRST DRV_RESERVED
#endif
#ifndef DRV_MCI_LAST
#define DRV_MCI_LAST (DRV_RESERVED + 0xFFF)
#endif
#ifndef DRV_USER
#define DRV_USER 0x4000 /* a driver's own messages are DRV_USER + n */
#endif

/* Results of DRV_CONFIGURE and DRV_INSTALL, under their current and their old names. */
#ifndef DRVCNF_CANCEL
#define DRVCNF_CANCEL 0x0000
#endif
#ifndef DRVCNF_OK
#define DRVCNF_OK 0x0001
#endif
#ifndef DRVCNF_RESTART
#define DRVCNF_RESTART 0x0002
#endif
#ifndef DRV_CANCEL
#define DRV_CANCEL DRVCNF_CANCEL
#endif
#ifndef DRV_OK
#define DRV_OK DRVCNF_OK
#endif
#ifndef DRV_RESTART
#define DRV_RESTART DRVCNF_RESTART
#endif

/* The conventional results of the lifecycle messages (DRV_LOAD, DRV_ENABLE, ...). */
#ifndef DRV_SUCCESS
#define DRV_SUCCESS 0x0001
#endif
#ifndef DRV_FAILURE
#define DRV_FAILURE 0x0000
#endif

/* lParam1 of DRV_EXITAPPLICATION. */
#ifndef DRVEA_NORMALEXIT
#define DRVEA_NORMALEXIT 0x0001
#endif
#ifndef DRVEA_ABNORMALEXIT
#define DRVEA_ABNORMALEXIT 0x0002
#endif

/* DriverCallback types: the low bits of its flags say what the callback value is. */
#ifndef DCB_NULL
#define DCB_NULL 0x0000
#endif
#ifndef DCB_WINDOW
#define DCB_WINDOW 0x0001
#endif
#ifndef DCB_TASK
#define DCB_TASK 0x0002
#endif
#ifndef DCB_FUNCTION
#define DCB_FUNCTION 0x0003
#endif
#ifndef DCB_EVENT
#define DCB_EVENT 0x0005
#endif
#ifndef DCB_TYPEMASK
#define DCB_TYPEMASK 0x0007
#endif
#ifndef DCB_NOSWITCH
#define DCB_NOSWITCH 0x0008 /* a Windows 3.1 stack-switching hint; ignored */
#endif

/* Open flags of the device APIs (waveOutOpen's fdwOpen, ...): the DCB_* types moved into the high word, which is
 * how a driver turns the flags it was opened with into DriverCallback's type: (flags >> 16) & DCB_TYPEMASK. */
#ifndef CALLBACK_TYPEMASK
#define CALLBACK_TYPEMASK 0x00070000
#endif
#ifndef CALLBACK_NULL
#define CALLBACK_NULL 0x00000000
#endif
#ifndef CALLBACK_WINDOW
#define CALLBACK_WINDOW 0x00010000
#endif
#ifndef CALLBACK_TASK
#define CALLBACK_TASK 0x00020000
#endif
#ifndef CALLBACK_THREAD
#define CALLBACK_THREAD CALLBACK_TASK
#endif
#ifndef CALLBACK_FUNCTION
#define CALLBACK_FUNCTION 0x00030000
#endif
#ifndef CALLBACK_EVENT
#define CALLBACK_EVENT 0x00050000
#endif

/* ---- DefDriverProc (docs/contract.md#defdriverproc) ------------------------------------------------------------------------
 * On Windows the real one is winmm's (link with -lwinmm). Elsewhere there is no winmm to link, and the default
 * answers are a fixed table, so it is an inline function: a driver needs nothing but this header. */
#ifndef _WIN32
#ifdef __cplusplus
extern "C" {
#endif

static inline LRESULT DefDriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    (void)dwDriverId;
    (void)hdrvr;
    (void)lParam1;
    (void)lParam2;
    switch (msg) {
    /* The lifecycle messages succeed, so a driver that handles none of them still loads and unloads. */
    case DRV_LOAD:
    case DRV_FREE:
    case DRV_ENABLE:
    case DRV_DISABLE:
    case DRV_INSTALL:
    case DRV_REMOVE:
        return 1;
    /* Everything else, DRV_OPEN included, is refused: an instance needs a driver that wants one, and there is
     * no configuration dialog to show. */
    default:
        return 0;
    }
}

/* ---- What a driver may call back in the host (docs/contract.md#callback) --------------------------------------
 * On Windows these are winmm's. Elsewhere the InstallableDrivers runtime exports them from a small host library it
 * loads before any driver (libinstallable_drivers_host.so), so a driver that calls them resolves them at load time,
 * with nothing to link against. A driver that calls none of them needs nothing. */
HDRVR WINAPI OpenDriver(LPCWSTR szDriverName, LPCWSTR szSectionName, LPARAM lParam2);
LRESULT WINAPI CloseDriver(HDRVR hDriver, LPARAM lParam1, LPARAM lParam2);
LRESULT WINAPI SendDriverMessage(HDRVR hDriver, UINT message, LPARAM lParam1, LPARAM lParam2);
HMODULE WINAPI GetDriverModuleHandle(HDRVR hDriver);
HMODULE WINAPI DrvGetModuleHandle(HDRVR hDriver);
BOOL WINAPI DriverCallback(DWORD_PTR dwCallback, DWORD dwFlags, HDRVR hDevice, DWORD dwMsg, DWORD_PTR dwUser,
                           DWORD_PTR dwParam1, DWORD_PTR dwParam2);

#ifdef __cplusplus
} /* extern "C" */
#endif
#endif /* not _WIN32 */

/* ---- Checks ------------------------------------------------------------------------------------------------
 * The runtime passes these types by their Win32 sizes; a compiler that lays them out differently must stop the
 * build here rather than corrupt arguments at run time. The typedef form works before C11 and C++11. */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define INSTALLABLE_DRIVER_CHECK(condition, name) static_assert(condition, #name)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define INSTALLABLE_DRIVER_CHECK(condition, name) _Static_assert(condition, #name)
#else
#define INSTALLABLE_DRIVER_CHECK(condition, name) typedef char installable_driver_check_##name[(condition) ? 1 : -1]
#endif

INSTALLABLE_DRIVER_CHECK(sizeof(BYTE) == 1, BYTE_is_8_bits);
INSTALLABLE_DRIVER_CHECK(sizeof(WORD) == 2, WORD_is_16_bits);
INSTALLABLE_DRIVER_CHECK(sizeof(DWORD) == 4, DWORD_is_32_bits);
INSTALLABLE_DRIVER_CHECK(sizeof(LONG) == 4, LONG_is_32_bits);
INSTALLABLE_DRIVER_CHECK(sizeof(UINT) == 4, UINT_is_32_bits);
INSTALLABLE_DRIVER_CHECK(sizeof(BOOL) == 4, BOOL_is_32_bits);
INSTALLABLE_DRIVER_CHECK(sizeof(WCHAR) == 2, WCHAR_is_one_UTF16_code_unit);
INSTALLABLE_DRIVER_CHECK(sizeof(LPARAM) == sizeof(void *), LPARAM_is_pointer_sized);
INSTALLABLE_DRIVER_CHECK(sizeof(WPARAM) == sizeof(void *), WPARAM_is_pointer_sized);
INSTALLABLE_DRIVER_CHECK(sizeof(LRESULT) == sizeof(void *), LRESULT_is_pointer_sized);
INSTALLABLE_DRIVER_CHECK(sizeof(DWORD_PTR) == sizeof(void *), DWORD_PTR_is_pointer_sized);
INSTALLABLE_DRIVER_CHECK(sizeof(HDRVR) == sizeof(void *), HDRVR_is_pointer_sized);
INSTALLABLE_DRIVER_CHECK(offsetof(DRVCONFIGINFO, lpszDCISectionName) == 4, DRVCONFIGINFO_is_packed);
INSTALLABLE_DRIVER_CHECK(offsetof(DRVCONFIGINFO, lpszDCIAliasName) == 4 + sizeof(void *), DRVCONFIGINFO_alias_offset);
INSTALLABLE_DRIVER_CHECK(sizeof(DRVCONFIGINFO) == 4 + 2 * sizeof(void *), DRVCONFIGINFO_size);
INSTALLABLE_DRIVER_CHECK(offsetof(DRVCONFIGINFOEX, dnDevNode) == 4 + 2 * sizeof(void *), DRVCONFIGINFOEX_devnode);
INSTALLABLE_DRIVER_CHECK(sizeof(DRVCONFIGINFOEX) == 8 + 2 * sizeof(void *), DRVCONFIGINFOEX_size);

#undef INSTALLABLE_DRIVER_CHECK

#endif /* INSTALLABLE_DRIVER_H */
