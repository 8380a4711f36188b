/*
 * Prints the C side of the contract for SdkHeaderTests to compare with the C# side, one fact a line:
 *
 *   size NAME BYTES            sizeof a type
 *   offset TYPE.FIELD BYTES    offsetof a structure field
 *   const NAME VALUE           a constant; the list is probe_constants.inc, which the test writes from the public
 *   missing NAME               constants of DriverMessages and of the wave interop types ("missing" when the
 *                              headers do not define one)
 *   DefDriverProc MSG RESULT   what DefDriverProc returns for each message given on the command line
 */
#include <stdio.h>
#include <stdlib.h>

#include "installable_driver.h"
#include "win32/mmsystem.h"
#include "win32/mmddk.h"
/* mmreg.h (WAVE_FORMAT_IEEE_FLOAT, ...) is another header's; its constants are checked once it exists. */
#ifdef __has_include
#if __has_include("win32/mmreg.h")
#include "win32/mmreg.h"
#endif
#endif

#define PRINT_SIZE(type) printf("size %s %u\n", #type, (unsigned)sizeof(type))
#define PRINT_OFFSET(type, field) printf("offset %s.%s %u\n", #type, #field, (unsigned)offsetof(type, field))
#define PRINT_FIELD(type, field, name) printf("offset %s.%s %u\n", #type, name, (unsigned)offsetof(type, field))
#define PRINT_CONSTANT(name) printf("const %s %lld\n", #name, (long long)(name))
#define PRINT_MISSING(name) printf("missing %s\n", name)

int main(int argc, char **argv)
{
    PRINT_SIZE(BYTE);
    PRINT_SIZE(WORD);
    PRINT_SIZE(DWORD);
    PRINT_SIZE(LONG);
    PRINT_SIZE(UINT);
    PRINT_SIZE(INT);
    PRINT_SIZE(BOOL);
    PRINT_SIZE(WCHAR);
    PRINT_SIZE(LPARAM);
    PRINT_SIZE(WPARAM);
    PRINT_SIZE(LRESULT);
    PRINT_SIZE(DWORD_PTR);
    PRINT_SIZE(UINT_PTR);
    PRINT_SIZE(LONG_PTR);
    PRINT_SIZE(HDRVR);
    PRINT_SIZE(HMODULE);
    PRINT_SIZE(DRVCONFIGINFO);
    PRINT_OFFSET(DRVCONFIGINFO, dwDCISize);
    PRINT_OFFSET(DRVCONFIGINFO, lpszDCISectionName);
    PRINT_OFFSET(DRVCONFIGINFO, lpszDCIAliasName);
    PRINT_SIZE(DRVCONFIGINFOEX);
    PRINT_OFFSET(DRVCONFIGINFOEX, dwDCISize);
    PRINT_OFFSET(DRVCONFIGINFOEX, lpszDCISectionName);
    PRINT_OFFSET(DRVCONFIGINFOEX, lpszDCIAliasName);
    PRINT_OFFSET(DRVCONFIGINFOEX, dnDevNode);

    /* The wave structures of mmsystem.h and mmddk.h. */
    PRINT_SIZE(WAVEFORMATEX);
    PRINT_OFFSET(WAVEFORMATEX, wFormatTag);
    PRINT_OFFSET(WAVEFORMATEX, nChannels);
    PRINT_OFFSET(WAVEFORMATEX, nSamplesPerSec);
    PRINT_OFFSET(WAVEFORMATEX, nAvgBytesPerSec);
    PRINT_OFFSET(WAVEFORMATEX, nBlockAlign);
    PRINT_OFFSET(WAVEFORMATEX, wBitsPerSample);
    PRINT_OFFSET(WAVEFORMATEX, cbSize);
    PRINT_SIZE(WAVEHDR);
    PRINT_OFFSET(WAVEHDR, lpData);
    PRINT_OFFSET(WAVEHDR, dwBufferLength);
    PRINT_OFFSET(WAVEHDR, dwBytesRecorded);
    PRINT_OFFSET(WAVEHDR, dwUser);
    PRINT_OFFSET(WAVEHDR, dwFlags);
    PRINT_OFFSET(WAVEHDR, dwLoops);
    PRINT_OFFSET(WAVEHDR, lpNext);
    PRINT_OFFSET(WAVEHDR, reserved);
    PRINT_SIZE(WAVEOPENDESC);
    PRINT_OFFSET(WAVEOPENDESC, hWave);
    PRINT_OFFSET(WAVEOPENDESC, lpFormat);
    PRINT_OFFSET(WAVEOPENDESC, dwCallback);
    PRINT_OFFSET(WAVEOPENDESC, dwInstance);
    PRINT_OFFSET(WAVEOPENDESC, uMappedDeviceID);
    PRINT_OFFSET(WAVEOPENDESC, dnDevNode);
    PRINT_SIZE(MMTIME);
    PRINT_OFFSET(MMTIME, wType);
    PRINT_FIELD(MMTIME, u.ms, "ms");
    PRINT_FIELD(MMTIME, u.sample, "sample");
    PRINT_FIELD(MMTIME, u.cb, "cb");
    PRINT_FIELD(MMTIME, u.ticks, "ticks");
    PRINT_FIELD(MMTIME, u.midi.songptrpos, "songptrpos");
#define PRINT_CAPS(type)                                                                                              \
    PRINT_SIZE(type);                                                                                                 \
    PRINT_OFFSET(type, wMid);                                                                                         \
    PRINT_OFFSET(type, wPid);                                                                                         \
    PRINT_OFFSET(type, vDriverVersion);                                                                               \
    PRINT_OFFSET(type, szPname);                                                                                      \
    PRINT_OFFSET(type, dwFormats);                                                                                    \
    PRINT_OFFSET(type, wChannels);                                                                                    \
    PRINT_OFFSET(type, wReserved1)
    PRINT_CAPS(WAVEOUTCAPSA);
    PRINT_OFFSET(WAVEOUTCAPSA, dwSupport);
    PRINT_CAPS(WAVEOUTCAPSW);
    PRINT_OFFSET(WAVEOUTCAPSW, dwSupport);
    PRINT_CAPS(WAVEINCAPSA);
    PRINT_CAPS(WAVEINCAPSW);
    PRINT_SIZE(WAVEOUTCAPS); /* the unsuffixed names are the W forms */
    PRINT_SIZE(WAVEINCAPS);
    PRINT_SIZE(HWAVEOUT);
    PRINT_SIZE(HWAVEIN);
    PRINT_SIZE(MMRESULT);

#include "probe_constants.inc"

    /* A live-looking driver id, handle and parameters: DefDriverProc must answer by the message alone. */
    for (int i = 1; i < argc; i++) {
        UINT msg = (UINT)strtoul(argv[i], NULL, 0);
        LRESULT result = DefDriverProc(100, (HDRVR)(uintptr_t)0x1000, msg, 7, 9);
        printf("DefDriverProc %u %lld\n", msg, (long long)result);
    }
    return 0;
}
