/*
 * Stand-in for the Windows SDK's <winbase.h> off Windows, so that a Win32 driver's source compiles unchanged: add this
 * folder to the include path on Linux and macOS only (-I sdk/include/win32). On Windows leave it out, so the real header
 * is found.
 *
 * Declares the kernel32 functions codec and driver sources call most: the process heap, the lstr* string functions,
 * the thread's last error, loading a helper library (LoadLibrary, GetProcAddress, FreeLibrary), and the memory macros. The InstallableDrivers runtime implements them in its host library
 * (src/InstallableDrivers/Native/win32_subset.c), which it loads before any driver, so a driver links against nothing.
 * docs/sdk.md lists the whole subset and how each function differs from Windows, if at all.
 */
#ifndef INSTALLABLE_DRIVERS_COMPAT_WINBASE_H
#define INSTALLABLE_DRIVERS_COMPAT_WINBASE_H

#ifdef _WIN32
#error "sdk/include/win32 stands in for Windows headers off Windows; do not put it on the include path of a Windows build."
#endif

#include <string.h> /* winnt.h includes it on Windows, so sources call memcpy and memset with windows.h alone */

#include "windef.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The memory macros of winnt.h ------------------------------------------------------------------------------- */
#ifndef CopyMemory
#define CopyMemory(destination, source, length) memcpy((destination), (source), (length))
#endif
#ifndef MoveMemory
#define MoveMemory(destination, source, length) memmove((destination), (source), (length))
#endif
#ifndef FillMemory
#define FillMemory(destination, length, fill) memset((destination), (fill), (length))
#endif
#ifndef ZeroMemory
#define ZeroMemory(destination, length) memset((destination), 0, (length))
#endif

/* ---- The process heap -------------------------------------------------------------------------------------------
 * There is one heap, the C library's: GetProcessHeap names it, HeapAlloc is malloc (calloc with HEAP_ZERO_MEMORY)
 * and HeapFree is free. Any other heap handle is refused (HeapCreate is not provided). */
#ifndef HEAP_NO_SERIALIZE
#define HEAP_NO_SERIALIZE 0x00000001
#endif
#ifndef HEAP_GENERATE_EXCEPTIONS
#define HEAP_GENERATE_EXCEPTIONS 0x00000004
#endif
#ifndef HEAP_ZERO_MEMORY
#define HEAP_ZERO_MEMORY 0x00000008
#endif

HANDLE WINAPI GetProcessHeap(void);
LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes);
BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem);

/* ---- Strings: the lstr* functions, narrow (A) and UTF-16 (W) ------------------------------------------------------ */
int WINAPI lstrlenA(LPCSTR lpString);
int WINAPI lstrlenW(LPCWSTR lpString);
LPSTR WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2);
LPWSTR WINAPI lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2);
LPSTR WINAPI lstrcpynA(LPSTR lpString1, LPCSTR lpString2, int iMaxLength);
LPWSTR WINAPI lstrcpynW(LPWSTR lpString1, LPCWSTR lpString2, int iMaxLength);

#ifdef UNICODE
#define lstrlen lstrlenW
#define lstrcpy lstrcpyW
#define lstrcpyn lstrcpynW
#else
#define lstrlen lstrlenA
#define lstrcpy lstrcpyA
#define lstrcpyn lstrcpynA
#endif

/* ---- Libraries: LoadLibrary, GetProcAddress, FreeLibrary ------------------------------------------------------------
 * Many codecs load a helper library at run time. Here a module handle is the dynamic linker's handle (dlopen): a path
 * with a '/' is opened as given (relative to the current directory), a bare name is looked for by the system's search
 * (LD_LIBRARY_PATH, the system library folders), never in the current directory; no ".dll" is appended. Everything the
 * library calls is bound at load, so a library that calls a function nothing provides fails to load
 * (ERROR_PROC_NOT_FOUND) instead of failing at that call. Procedures are found by name only: ELF has no ordinals. */
typedef INT_PTR (WINAPI *FARPROC)();

HMODULE WINAPI LoadLibraryA(LPCSTR lpLibFileName);
HMODULE WINAPI LoadLibraryW(LPCWSTR lpLibFileName);
FARPROC WINAPI GetProcAddress(HMODULE hModule, LPCSTR lpProcName);
BOOL WINAPI FreeLibrary(HMODULE hLibModule);

#ifdef UNICODE
#define LoadLibrary LoadLibraryW
#else
#define LoadLibrary LoadLibraryA
#endif

/* ---- The thread's last error (set by MultiByteToWideChar, HeapFree and the library functions here) ---------------- */
#ifndef ERROR_SUCCESS
#define ERROR_SUCCESS 0
#endif
#ifndef NO_ERROR
#define NO_ERROR 0
#endif
#ifndef ERROR_NOT_ENOUGH_MEMORY
#define ERROR_NOT_ENOUGH_MEMORY 8
#endif
#ifndef ERROR_INVALID_PARAMETER
#define ERROR_INVALID_PARAMETER 87
#endif
#ifndef ERROR_INSUFFICIENT_BUFFER
#define ERROR_INSUFFICIENT_BUFFER 122
#endif
#ifndef ERROR_INVALID_HANDLE
#define ERROR_INVALID_HANDLE 6
#endif
#ifndef ERROR_MOD_NOT_FOUND
#define ERROR_MOD_NOT_FOUND 126
#endif
#ifndef ERROR_PROC_NOT_FOUND
#define ERROR_PROC_NOT_FOUND 127
#endif
#ifndef ERROR_BAD_EXE_FORMAT
#define ERROR_BAD_EXE_FORMAT 193
#endif
#ifndef ERROR_INVALID_FLAGS
#define ERROR_INVALID_FLAGS 1004
#endif
#ifndef ERROR_NO_UNICODE_TRANSLATION
#define ERROR_NO_UNICODE_TRANSLATION 1113
#endif

DWORD WINAPI GetLastError(void);
void WINAPI SetLastError(DWORD dwErrCode);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif
