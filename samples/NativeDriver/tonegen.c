/*
 * tonegen.c - a sine-tone generator, written as a Win32 installable driver.
 *
 * Each instance (one OpenDriver) renders a tone at its own frequency and sample rate into buffers its caller
 * hands it; the module keeps one sine table that all instances share. The same source builds on Windows against
 * <windows.h>, and on Linux or macOS against the SDK header:
 *
 *     cc -std=c11 -O2 -Wall -Wextra -Werror -shared -fPIC -I sdk/include \
 *        -o tonegen.so samples/NativeDriver/tonegen.c
 *
 * Registered as `tonegen = tonegen.so freq=1000 rate=48000`, an OpenDriver of `tonegen` hands DRV_OPEN the args
 * `freq=1000 rate=48000`. Its two messages of its own are in tonegen.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "installable_driver.h"
#include "tonegen.h"

#define MAX_RATE 192000u

/* One sine cycle at full 16-bit scale, built at DRV_LOAD. Between two entries render() interpolates, so 1024
 * entries keep every sample within two 16-bit steps of a true sine. */
#define TABLE_BITS 10
#define TABLE_SIZE (1u << TABLE_BITS)
static int16_t sine_table[TABLE_SIZE];

/* One open instance. DRV_OPEN allocates it and returns its address, which the host then passes back as
 * dwDriverId with every message to this instance. A caller must not send two messages to one instance at once
 * (the host takes no lock); separate instances are independent. */
typedef struct TONEGEN {
    DWORD frequency; /* Hz, 1 .. rate / 2 */
    DWORD rate;      /* samples per second, 1 .. MAX_RATE */
    uint32_t phase;  /* position within the cycle: 2^32 is a whole cycle, so it wraps around by itself */
    uint32_t step;   /* phase advance per sample: frequency / rate of a cycle */
} TONEGEN;

/* sin(x) for 0 <= x <= pi/2 from its Taylor series; eight terms are exact to about 1e-11 there. The driver does
 * without sin() so that it needs no libm: it links against nothing but the C library. */
static double quarter_sine(double x)
{
    double term = x;
    double sum = x;
    for (int n = 1; n < 8; n++) {
        term *= -x * x / ((2 * n) * (2 * n + 1));
        sum += term;
    }
    return sum;
}

static void build_sine_table(void)
{
    const double pi = 3.14159265358979323846;
    for (unsigned i = 0; i < TABLE_SIZE; i++) {
        /* Fold the cycle onto its first quarter: sine mirrors about pi/2 and changes sign after pi. */
        unsigned k = i % (TABLE_SIZE / 2);
        if (k > TABLE_SIZE / 4)
            k = TABLE_SIZE / 2 - k;
        int16_t v = (int16_t)(quarter_sine(2 * pi * k / TABLE_SIZE) * 32767 + 0.5);
        sine_table[i] = i < TABLE_SIZE / 2 ? v : (int16_t)-v;
    }
}

static uint32_t phase_step(DWORD frequency, DWORD rate)
{
    return (uint32_t)(((uint64_t)frequency << 32) / rate);
}

/* If the UTF-16 text at p starts with the ASCII key, returns the text after it, else NULL. ASCII characters have
 * the same codes in UTF-16, so a plain char string serves as the key; wcsncmp would not, because wchar_t is not
 * WCHAR off Windows. */
static LPCWSTR skip_key(LPCWSTR p, const char *key)
{
    for (; *key != '\0'; p++, key++) {
        if (*p != (WCHAR)*key)
            return NULL;
    }
    return p;
}

/* Reads a decimal number of at most max from p into *value. Returns the text after it, or NULL if there is no
 * number or it is too large. */
static LPCWSTR read_number(LPCWSTR p, DWORD max, DWORD *value)
{
    DWORD n = 0;
    LPCWSTR start = p;
    for (; *p >= '0' && *p <= '9'; p++) {
        n = n * 10 + (DWORD)(*p - '0');
        if (n > max)
            return NULL;
    }
    *value = n;
    return p == start ? NULL : p;
}

/* Parses args such as "freq=1000 rate=48000": either key, in any order, separated by spaces. Anything else fails
 * the open, so that a typo in the registry shows up at once instead of as a tone at the wrong pitch. */
static BOOL parse_args(LPCWSTR args, TONEGEN *t)
{
    LPCWSTR p = args;
    while (p != NULL && *p != 0) {
        LPCWSTR value;
        if (*p == ' ') {
            p++;
            continue;
        }
        if ((value = skip_key(p, "freq=")) != NULL)
            p = read_number(value, MAX_RATE, &t->frequency);
        else if ((value = skip_key(p, "rate=")) != NULL)
            p = read_number(value, MAX_RATE, &t->rate);
        else
            return FALSE;
        /* A number ends at a space or at the end of the text: "freq=44x" is refused, not read as 44. */
        if (p == NULL || (*p != 0 && *p != ' '))
            return FALSE;
    }
    /* Above half the rate a sampled sine aliases to a lower tone, so such a frequency is refused. */
    return t->rate >= 1 && t->frequency >= 1 && t->frequency <= t->rate / 2;
}

static LRESULT render(TONEGEN *t, int16_t *buffer, LPARAM count)
{
    if (buffer == NULL || count <= 0)
        return 0;
    for (LPARAM i = 0; i < count; i++) {
        /* The top bits of the phase pick a table entry, the next 16 how far it is towards the following one. */
        uint32_t index = t->phase >> (32 - TABLE_BITS);
        int32_t fraction = (int32_t)((t->phase >> (16 - TABLE_BITS)) & 0xFFFF);
        int32_t a = sine_table[index];
        int32_t b = sine_table[(index + 1) & (TABLE_SIZE - 1)];
        buffer[i] = (int16_t)(a + (b - a) * fraction / 65536);
        t->phase += t->step;
    }
    return count;
}

/* Writes UTF-16 text to a stdio stream, ASCII as it is and anything else as '?': enough for a log line. */
static void print_text(FILE *stream, LPCWSTR text)
{
    for (; text != NULL && *text != 0; text++)
        fputc(*text < 0x80 ? (int)*text : '?', stream);
}

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    /* The instance this message is for. NULL in DRV_LOAD, DRV_ENABLE, DRV_OPEN, DRV_DISABLE and DRV_FREE, which
     * the host always sends with dwDriverId 0. */
    TONEGEN *t = (TONEGEN *)dwDriverId;

    switch (msg) {
    case DRV_LOAD:
        /* First message of the module, before any instance: set up what the instances share. Nonzero accepts. */
        build_sine_table();
        return 1;

    case DRV_ENABLE:
        /* A driver for real hardware would switch the device on here. */
        return 1;

    case DRV_OPEN: {
        /* lParam1 is the args text from the registry (UTF-16, or NULL when there is none). lParam2 is OpenDriver's
         * lParam: a class of drivers may define it (wave drivers get a WAVEOPENDESC) and this one needs nothing
         * from it. Zero refuses the open; any other result becomes the instance's driver id. */
        TONEGEN *instance = calloc(1, sizeof *instance);
        if (instance == NULL)
            return 0;
        instance->frequency = TONEGEN_DEFAULT_FREQUENCY;
        instance->rate = TONEGEN_DEFAULT_RATE;
        if (!parse_args((LPCWSTR)lParam1, instance)) {
            free(instance);
            return 0;
        }
        instance->step = phase_step(instance->frequency, instance->rate);
        return (LRESULT)instance;
    }

    case DRV_CLOSE:
        /* lParam1 and lParam2 are CloseDriver's; the instance is gone whatever this returns. */
        free(t);
        return 1;

    case DRV_DISABLE: /* the last instance has closed: a hardware driver would switch the device off */
    case DRV_FREE:    /* last message before unloading; the table is static, so there is nothing to release */
        return 1;

    case DRV_QUERYCONFIGURE:
        /* Nonzero: this driver has settings, so a control panel may send DRV_CONFIGURE. */
        return 1;

    case DRV_CONFIGURE: {
        /* lParam1 is the parent window for a dialog, lParam2 names where the driver is registered. Check the size
         * first: it tells a DRVCONFIGINFO from a caller's smaller or larger block. A Windows driver would show its
         * settings dialog and save the result under section\alias; there is no dialog here, so it says where. */
        const DRVCONFIGINFO *info = (const DRVCONFIGINFO *)lParam2;
        if (info == NULL || info->dwDCISize < sizeof(DRVCONFIGINFO))
            return DRVCNF_CANCEL;
        fputs("tonegen: settings would be kept under ", stderr);
        print_text(stderr, info->lpszDCISectionName);
        fputc('\\', stderr);
        print_text(stderr, info->lpszDCIAliasName);
        fputc('\n', stderr);
        return DRVCNF_OK;
    }

    case DRV_INSTALL:
        /* lParam2 is a DRVCONFIGINFO as for DRV_CONFIGURE. No files to copy, no device to set up: done, no restart. */
        return DRVCNF_OK;

    case DRV_REMOVE:
        return 1;

    case DRV_EXITSESSION:
    case DRV_EXITAPPLICATION:
        /* The session or the application is ending (for the latter lParam1 says how: DRVEA_NORMALEXIT or
         * DRVEA_ABNORMALEXIT). The driver holds nothing outside the process, so there is nothing to save. */
        return 0;

    case DRV_POWER:
        /* Power to the device is changing; with no device, that always succeeds. */
        return 1;

    case TONEGEN_SET_FREQUENCY: {
        /* Custom messages arrive only through SendDriverMessage on an open instance, so t is set. */
        DWORD previous = t->frequency;
        if (lParam1 < 1 || (DWORD_PTR)lParam1 > t->rate / 2)
            return 0;
        t->frequency = (DWORD)lParam1;
        t->step = phase_step(t->frequency, t->rate);
        return (LRESULT)previous;
    }

    case TONEGEN_RENDER:
        return render(t, (int16_t *)lParam1, lParam2);

    default:
        /* Any message tonegen does not define, such as DRV_USER + 3: the system's default answer. */
        return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}
