/*
 * Prints the C side of the contract for SdkHeaderTests to compare with the C# side, one fact a line:
 *
 *   size NAME BYTES            sizeof a type
 *   offset TYPE.FIELD BYTES    offsetof a structure field
 *   const NAME VALUE           a constant; the list is probe_constants.inc, which the test writes from the public
 *   missing NAME               constants of DriverMessages ("missing" when the header does not define one)
 *   DefDriverProc MSG RESULT   what DefDriverProc returns for each message given on the command line
 *
 * The constants of the ACM interop classes join probe_constants.inc, and probe_layouts.inc (also written by the test)
 * measures the multimedia structures, from the stand-in headers in sdk/include/win32.
 */
#include <stdio.h>
#include <stdlib.h>

#include "installable_driver.h"
#include <msacmdrv.h>

#define PRINT_SIZE(type) printf("size %s %u\n", #type, (unsigned)sizeof(type))
#define PRINT_OFFSET(type, field) printf("offset %s.%s %u\n", #type, #field, (unsigned)offsetof(type, field))
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

#include "probe_constants.inc"
#include "probe_layouts.inc"

    /* The ACM and mmreg.h structures with no C# twin: their sizes are checked against the Windows sizes. */
    PRINT_SIZE(ACMDRIVERDETAILSA);
    PRINT_SIZE(ACMFILTERTAGDETAILSW);
    PRINT_SIZE(ACMFILTERDETAILSW);
    PRINT_SIZE(ACMDRVOPENDESCA);
    PRINT_SIZE(ADPCMCOEFSET);
    PRINT_SIZE(ADPCMWAVEFORMAT);
    PRINT_SIZE(IMAADPCMWAVEFORMAT);
    PRINT_SIZE(GSM610WAVEFORMAT);
    PRINT_SIZE(MPEGLAYER3WAVEFORMAT);
    PRINT_SIZE(WAVEFORMATEXTENSIBLE);
    PRINT_SIZE(WAVEFILTER);

    /* A live-looking driver id, handle and parameters: DefDriverProc must answer by the message alone. */
    for (int i = 1; i < argc; i++) {
        UINT msg = (UINT)strtoul(argv[i], NULL, 0);
        LRESULT result = DefDriverProc(100, (HDRVR)(uintptr_t)0x1000, msg, 7, 9);
        printf("DefDriverProc %u %lld\n", msg, (long long)result);
    }
    return 0;
}
