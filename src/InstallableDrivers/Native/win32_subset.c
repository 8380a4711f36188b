/*
 * The Win32 subset of the host library: the kernel32 and user32 functions that Windows codec and driver sources call
 * (declared by the stand-ins in sdk/include/win32: winbase.h, winnls.h, winuser.h), so that those sources compile and
 * run unchanged off Windows. Compiled into the same library as installable_drivers_host.c, which the runtime loads with
 * RTLD_GLOBAL before any driver: a driver's references resolve against it at load time, with nothing to link.
 *
 * Each function follows its Win32 documentation; where the host cannot (no display, one heap, UTF-8 as the ANSI code
 * page) the comment says what it does instead, and docs/sdk.md lists the same.
 */
#define _GNU_SOURCE /* dladdr, dlinfo */
#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "win32/winbase.h"
#include "win32/winnls.h"
#include "win32/winuser.h"

#ifdef __linux__
#include <link.h> /* struct link_map, for GetProcAddress's "exported by this module" check */
#endif

/* ---- The thread's last error ----------------------------------------------------------------------------------- */

static _Thread_local DWORD last_error;

DRIVER_EXPORT DWORD WINAPI GetLastError(void)
{
    return last_error;
}

DRIVER_EXPORT void WINAPI SetLastError(DWORD dwErrCode)
{
    last_error = dwErrCode;
}

/* ---- The process heap: the C library's ---------------------------------------------------------------------------
 * The handle only has to be unique and non-null; a static object's address is both. */

static char process_heap;

DRIVER_EXPORT HANDLE WINAPI GetProcessHeap(void)
{
    return &process_heap;
}

/* Fails (NULL, without setting the last error, as documented) for a heap other than the process heap or when memory
 * runs out; with HEAP_GENERATE_EXCEPTIONS too, since there are no structured exceptions to raise. A request for 0
 * bytes returns a unique pointer, as on Windows, where malloc(0) might return NULL. */
DRIVER_EXPORT LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes)
{
    if (hHeap != GetProcessHeap()) {
        return NULL;
    }
    size_t size = dwBytes != 0 ? dwBytes : 1;
    return (dwFlags & HEAP_ZERO_MEMORY) != 0 ? calloc(1, size) : malloc(size);
}

/* Freeing NULL succeeds and does nothing. A pointer HeapAlloc did not return is undefined behaviour, as on Windows. */
DRIVER_EXPORT BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem)
{
    (void)dwFlags;
    if (hHeap != GetProcessHeap()) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    free(lpMem);
    return TRUE;
}

/* ---- The lstr* functions --------------------------------------------------------------------------------------------
 * Windows answers a NULL string with 0 (lstrlen) or NULL (lstrcpy, lstrcpyn) instead of crashing; so do these. */

DRIVER_EXPORT int WINAPI lstrlenA(LPCSTR lpString)
{
    return lpString != NULL ? (int)strlen(lpString) : 0;
}

DRIVER_EXPORT int WINAPI lstrlenW(LPCWSTR lpString)
{
    int length = 0;
    if (lpString != NULL) {
        while (lpString[length] != 0) {
            length++;
        }
    }
    return length;
}

DRIVER_EXPORT LPSTR WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2)
{
    return lpString1 != NULL && lpString2 != NULL ? strcpy(lpString1, lpString2) : NULL;
}

DRIVER_EXPORT LPWSTR WINAPI lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2)
{
    if (lpString1 == NULL || lpString2 == NULL) {
        return NULL;
    }
    return memcpy(lpString1, lpString2, ((size_t)lstrlenW(lpString2) + 1) * sizeof(WCHAR));
}

/* Copies at most iMaxLength - 1 units and always terminates; with iMaxLength 0 or less it writes nothing. The same for
 * both unit sizes, so one definition makes both functions. */
#define DEFINE_LSTRCPYN(name, string, const_string)                                                                     \
    DRIVER_EXPORT string WINAPI name(string lpString1, const_string lpString2, int iMaxLength)                          \
    {                                                                                                                  \
        if (lpString1 == NULL || lpString2 == NULL) {                                                                  \
            return NULL;                                                                                               \
        }                                                                                                              \
        int i = 0;                                                                                                     \
        for (; i + 1 < iMaxLength && lpString2[i] != 0; i++) {                                                         \
            lpString1[i] = lpString2[i];                                                                               \
        }                                                                                                              \
        if (iMaxLength > 0) {                                                                                          \
            lpString1[i] = 0;                                                                                          \
        }                                                                                                              \
        return lpString1;                                                                                              \
    }

DEFINE_LSTRCPYN(lstrcpynA, LPSTR, LPCSTR)
DEFINE_LSTRCPYN(lstrcpynW, LPWSTR, LPCWSTR)

/* ---- MultiByteToWideChar: UTF-8 to UTF-16 -------------------------------------------------------------------------- */

#define REPLACEMENT_CHARACTER 0xFFFD

/* Decodes one character from s[0..n), n >= 1. Returns the code point, or -1 for an ill-formed sequence, and sets
 * *used to the bytes taken: for an ill-formed sequence, its maximal valid prefix (at least 1 byte), which becomes one
 * U+FFFD, as the Unicode Standard (chapter 3, "U+FFFD substitution of maximal subparts") recommends. */
static long decode_utf8(const unsigned char *s, size_t n, size_t *used)
{
    unsigned char lead = s[0];
    size_t length;
    unsigned char low = 0x80, high = 0xBF; /* the valid range of the second byte, narrower after some leads */
    long code;
    *used = 1;
    if (lead < 0x80) {
        return lead;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code = lead & 0x0F;
        if (lead == 0xE0) {
            low = 0xA0; /* shorter forms are overlong */
        } else if (lead == 0xED) {
            high = 0x9F; /* U+D800..U+DFFF are surrogates, not characters */
        }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code = lead & 0x07;
        if (lead == 0xF0) {
            low = 0x90; /* overlong */
        } else if (lead == 0xF4) {
            high = 0x8F; /* beyond U+10FFFF */
        }
    } else {
        return -1; /* a continuation byte, or a lead that can only start an overlong or out-of-range form */
    }
    for (size_t i = 1; i < length; i++) {
        unsigned char next = i < n ? s[i] : 0;
        if (i >= n || next < (i == 1 ? low : 0x80) || next > (i == 1 ? high : 0xBF)) {
            return -1;
        }
        code = (code << 6) | (next & 0x3F);
        *used = i + 1;
    }
    return code;
}

static int is_ansi_code_page_alias(UINT code_page)
{
    return code_page == CP_ACP || code_page == CP_OEMCP || code_page == CP_MACCP || code_page == CP_THREAD_ACP;
}

DRIVER_EXPORT UINT WINAPI GetACP(void)
{
    return CP_UTF8;
}

/* Without MB_ERR_INVALID_CHARS an ill-formed sequence becomes U+FFFD, as on Windows since Vista; with it the call
 * fails with ERROR_NO_UNICODE_TRANSLATION. A too small buffer fails with ERROR_INSUFFICIENT_BUFFER after filling it. */
DRIVER_EXPORT int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCSTR lpMultiByteStr, int cbMultiByte,
                                             LPWSTR lpWideCharStr, int cchWideChar)
{
    DWORD allowed = MB_ERR_INVALID_CHARS;
    if (is_ansi_code_page_alias(CodePage)) {
        allowed |= MB_PRECOMPOSED | MB_USEGLYPHCHARS; /* meaningful only for composite characters, which need no change */
    } else if (CodePage != CP_UTF8) {
        SetLastError(ERROR_INVALID_PARAMETER); /* a code page this host does not have */
        return 0;
    }
    if (lpMultiByteStr == NULL || cbMultiByte == 0 || cbMultiByte < -1 || cchWideChar < 0 ||
        (cchWideChar > 0 && lpWideCharStr == NULL) ||
        (cchWideChar > 0 && (const void *)lpMultiByteStr == (const void *)lpWideCharStr)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if ((dwFlags & ~allowed) != 0) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }

    const unsigned char *in = (const unsigned char *)lpMultiByteStr;
    size_t remaining = cbMultiByte == -1 ? strlen(lpMultiByteStr) + 1 : (size_t)cbMultiByte; /* -1: the 0 too */
    int written = 0;
    while (remaining > 0) {
        size_t used;
        long code = decode_utf8(in, remaining, &used);
        if (code < 0) {
            if ((dwFlags & MB_ERR_INVALID_CHARS) != 0) {
                SetLastError(ERROR_NO_UNICODE_TRANSLATION);
                return 0;
            }
            code = REPLACEMENT_CHARACTER;
        }
        WCHAR units[2];
        int count = 1;
        if (code >= 0x10000) {
            units[0] = (WCHAR)(0xD800 + ((code - 0x10000) >> 10));
            units[1] = (WCHAR)(0xDC00 + ((code - 0x10000) & 0x3FF));
            count = 2;
        } else {
            units[0] = (WCHAR)code;
        }
        if (written > INT_MAX - count) {
            SetLastError(ERROR_INVALID_PARAMETER); /* a result no int can count */
            return 0;
        }
        if (cchWideChar > 0) {
            if (written + count > cchWideChar) {
                SetLastError(ERROR_INSUFFICIENT_BUFFER);
                return 0;
            }
            memcpy(lpWideCharStr + written, units, (size_t)count * sizeof(WCHAR));
        }
        written += count;
        in += used;
        remaining -= used;
    }
    return written;
}

/* ---- MessageBoxA and MessageBoxW: no display, so a line on standard error ------------------------------------------- */

/* The buttons of each MB_* type value, in order; the answer is the default one, as if the user pressed Enter. */
static const struct {
    int count;
    int buttons[3];
} button_sets[] = {
    [MB_OK] = { 1, { IDOK } },
    [MB_OKCANCEL] = { 2, { IDOK, IDCANCEL } },
    [MB_ABORTRETRYIGNORE] = { 3, { IDABORT, IDRETRY, IDIGNORE } },
    [MB_YESNOCANCEL] = { 3, { IDYES, IDNO, IDCANCEL } },
    [MB_YESNO] = { 2, { IDYES, IDNO } },
    [MB_RETRYCANCEL] = { 2, { IDRETRY, IDCANCEL } },
    [MB_CANCELTRYCONTINUE] = { 3, { IDCANCEL, IDTRYAGAIN, IDCONTINUE } },
};

static const char *button_name(int id)
{
    switch (id) {
    case IDOK: return "IDOK";
    case IDCANCEL: return "IDCANCEL";
    case IDABORT: return "IDABORT";
    case IDRETRY: return "IDRETRY";
    case IDIGNORE: return "IDIGNORE";
    case IDYES: return "IDYES";
    case IDNO: return "IDNO";
    case IDTRYAGAIN: return "IDTRYAGAIN";
    default: return "IDCONTINUE";
    }
}

/* Caption and text are UTF-8 (the ANSI code page here). One fprintf, so lines from several threads do not mix. */
static int show_message_box(const char *function, const char *text, const char *caption, UINT type)
{
    UINT set = type & MB_TYPEMASK;
    if (set >= sizeof button_sets / sizeof button_sets[0]) {
        SetLastError(ERROR_INVALID_MSGBOX_STYLE);
        return 0;
    }
    int default_button = (int)((type & MB_DEFMASK) >> 8);
    int answer = button_sets[set].buttons[default_button < button_sets[set].count ? default_button : 0];
    fprintf(stderr, "%s (no display, answered %s): %s: %s\n", function, button_name(answer),
            caption != NULL ? caption : "Error", text != NULL ? text : "");
    return answer;
}

DRIVER_EXPORT int WINAPI MessageBoxA(HWND hWnd, LPCSTR lpText, LPCSTR lpCaption, UINT uType)
{
    (void)hWnd;
    return show_message_box("MessageBoxA", lpText, lpCaption, uType);
}

/* UTF-16 to UTF-8 for the log line, an unpaired surrogate becoming U+FFFD; NULL stays NULL (or if memory runs out). */
static char *utf16_to_utf8(LPCWSTR text)
{
    if (text == NULL) {
        return NULL;
    }
    size_t length = (size_t)lstrlenW(text);
    char *out = malloc(length * 3 + 1); /* a unit takes at most 3 bytes; a pair of them 4 */
    if (out == NULL) {
        return NULL;
    }
    char *p = out;
    for (size_t i = 0; i < length; i++) {
        unsigned long code = text[i];
        if (code >= 0xD800 && code <= 0xDBFF && i + 1 < length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF) {
            code = 0x10000 + ((code - 0xD800) << 10) + (text[++i] - 0xDC00u);
        } else if (code >= 0xD800 && code <= 0xDFFF) {
            code = REPLACEMENT_CHARACTER;
        }
        if (code < 0x80) {
            *p++ = (char)code;
        } else if (code < 0x800) {
            *p++ = (char)(0xC0 | (code >> 6));
            *p++ = (char)(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            *p++ = (char)(0xE0 | (code >> 12));
            *p++ = (char)(0x80 | ((code >> 6) & 0x3F));
            *p++ = (char)(0x80 | (code & 0x3F));
        } else {
            *p++ = (char)(0xF0 | (code >> 18));
            *p++ = (char)(0x80 | ((code >> 12) & 0x3F));
            *p++ = (char)(0x80 | ((code >> 6) & 0x3F));
            *p++ = (char)(0x80 | (code & 0x3F));
        }
    }
    *p = 0;
    return out;
}

DRIVER_EXPORT int WINAPI MessageBoxW(HWND hWnd, LPCWSTR lpText, LPCWSTR lpCaption, UINT uType)
{
    (void)hWnd;
    char *text = utf16_to_utf8(lpText);
    char *caption = utf16_to_utf8(lpCaption);
    int answer = show_message_box("MessageBoxW", text, caption, uType);
    free(text);
    free(caption);
    return answer;
}

/* ---- Libraries: LoadLibrary, GetProcAddress, FreeLibrary ----------------------------------------------------------
 * A module handle is the dynamic linker's (dlopen's), as GetDriverModuleHandle's is. dlopen counts references as
 * LoadLibrary does: the same library loaded twice gives the same handle, and it is unloaded at the last FreeLibrary. */

/* A library loaded here calls the subset (HeapAlloc, ...) by name, so this library's symbols must be global when it
 * is bound. The runtime loads it RTLD_GLOBAL before any driver; a P/Invoke caller's kernel32 import loads it through
 * NativeLibrary (RTLD_LOCAL). Opening it again with RTLD_NOLOAD | RTLD_GLOBAL makes it global in either case. */
static void make_subset_global(void)
{
    Dl_info self;
    if (dladdr((void *)(uintptr_t)&make_subset_global, &self) != 0 && self.dli_fname != NULL) {
        void *again = dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL);
        if (again != NULL) {
            dlclose(again); /* drops the extra reference; the library stays global */
        }
    }
}

/* The name is UTF-8 (the ANSI code page here). A path with a '/' is opened as given; a bare name is looked for where
 * the system looks for libraries (LD_LIBRARY_PATH, the system's library folders), never in the current directory, and
 * no extension is appended. RTLD_NOW binds everything the library calls now: one that calls a function nothing provides
 * fails here, with ERROR_PROC_NOT_FOUND, rather than at that call. Windows shows such a failure in a box; here the
 * linker's reason goes to standard error, where MessageBox writes too. */
static HMODULE load_library(const char *function, const char *name)
{
    if (name == NULL || name[0] == 0) {
        SetLastError(ERROR_INVALID_PARAMETER); /* dlopen(NULL) would be the program itself */
        return NULL;
    }
    make_subset_global();
    void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        DWORD error = strstr(reason, "No such file") != NULL ? ERROR_MOD_NOT_FOUND
                      : strstr(reason, "undefined symbol") != NULL ? ERROR_PROC_NOT_FOUND
                      : ERROR_BAD_EXE_FORMAT;
        if (error != ERROR_MOD_NOT_FOUND) {
            fprintf(stderr, "%s: '%s' could not be loaded: %s\n", function, name, reason);
        }
        SetLastError(error);
    }
    return (HMODULE)library;
}

DRIVER_EXPORT HMODULE WINAPI LoadLibraryA(LPCSTR lpLibFileName)
{
    return load_library("LoadLibraryA", lpLibFileName);
}

DRIVER_EXPORT HMODULE WINAPI LoadLibraryW(LPCWSTR lpLibFileName)
{
    if (lpLibFileName == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    char *name = utf16_to_utf8(lpLibFileName);
    if (name == NULL) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    HMODULE library = load_library("LoadLibraryW", name);
    free(name);
    return library;
}

/* The undecorated name, for P/Invoke callers: .NET off Windows binds an import by its exact name (NAudio 2.2.1 imports
 * "LoadLibrary" from kernel32) and passes its strings as UTF-8, LoadLibraryA's. C sources get a macro (winbase.h). */
#undef LoadLibrary
DRIVER_EXPORT HMODULE WINAPI LoadLibrary(LPCSTR lpLibFileName)
{
    return load_library("LoadLibrary", lpLibFileName);
}

/* By name only: a "name" below 0x10000 is an ordinal, which ELF libraries do not have. As on Windows, only what the
 * module itself exports is found: dlsym also searches the libraries it depends on (GetProcAddress(h, "malloc") would
 * find the C library's), so an address from another file does not count. A NULL module (the program itself, on
 * Windows) is refused. */
DRIVER_EXPORT FARPROC WINAPI GetProcAddress(HMODULE hModule, LPCSTR lpProcName)
{
    if (hModule == NULL) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    void *address = (uintptr_t)lpProcName > 0xFFFF ? dlsym(hModule, lpProcName) : NULL;
#ifdef __linux__
    struct link_map *module;
    Dl_info found;
    if (address != NULL && dlinfo(hModule, RTLD_DI_LINKMAP, &module) == 0 && dladdr(address, &found) != 0
        && (found.dli_fname == NULL || strcmp(found.dli_fname, module->l_name) != 0)) {
        address = NULL;
    }
#endif
    if (address == NULL) {
        SetLastError(ERROR_PROC_NOT_FOUND);
        return NULL;
    }
    return (FARPROC)(uintptr_t)address;
}

/* A handle LoadLibrary did not return is undefined behaviour, as on Windows; NULL fails. */
DRIVER_EXPORT BOOL WINAPI FreeLibrary(HMODULE hLibModule)
{
    if (hLibModule == NULL || dlclose(hLibModule) != 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}
