using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>
/// The Win32 stand-in headers (sdk/include/win32) together: every one includable in any order under the strict flags,
/// and <c>L"..."</c> strings usable as WCHAR strings exactly when <c>-fshort-wchar</c> is given, as docs/sdk.md says.
/// </summary>
public sealed class Win32HeaderTests
{
    private const string UsesTheSubset = """
        static WCHAR name[32];
        int use(void);
        int use(void)
        {
            ACMDRIVERDETAILSW details;
            lstrcpyW(name, L"Gain \u00e9 \U0001F3B5");
            lstrcpynW(details.szShortName, L"short", ACMDRIVERDETAILS_SHORTNAME_CHARS);
            return min(LOWORD(0x12345678), HIWORD(0x12345678)) + MAKELONG(1, 2) + LOBYTE(0x1234) + HIBYTE(0x1234) +
                   (int)RGB(1, 2, 3) + (int)sizeof(TCHAR) + lstrlenW(name) + (int)GetACP() +
                   MessageBoxA(NULL, "text", "caption", MB_OK) + (int)sizeof(ADPCMWAVEFORMAT);
        }

        """;

    [NotOnWindowsTheory]
    [InlineData("windows.h mmsystem.h mmreg.h msacm.h msacmdrv.h", "")]
    [InlineData("msacmdrv.h mmreg.h windows.h", "")]
    [InlineData("windef.h winbase.h wingdi.h winuser.h winnls.h msacmdrv.h", "")]
    [InlineData("windows.h msacmdrv.h", "-DUNICODE")]
    [InlineData("windows.h msacmdrv.h", "-DWIN32_LEAN_AND_MEAN")]
    public void The_stand_ins_compile_cleanly_together_in_any_order_with_short_wchar(string headers, string define)
    {
        using var output = new TempDirectory();
        var source = output.File("subset.c");
        File.WriteAllText(source, string.Concat(headers.Split(' ').Select(h => $"#include <{h}>\n")) + UsesTheSubset);
        string[] defines = define.Length > 0 ? [define] : [];
        NativeToolchain.CompileCleanly([
            .. NativeToolchain.StrictFlags("c11"), "-fshort-wchar", "-I", Path.Combine(NativeToolchain.SdkInclude, "win32"),
            .. defines, "-c", "-o", output.File("subset.o"), source,
        ]);
    }

    [NotOnWindowsFact]
    public void Without_short_wchar_an_L_string_is_not_a_WCHAR_string_and_the_build_says_so()
    {
        using var output = new TempDirectory();
        var source = output.File("subset.c");
        File.WriteAllText(source, "#include <windows.h>\n#include <msacmdrv.h>\n" + UsesTheSubset);
        var result = NativeToolchain.Compile([
            .. NativeToolchain.StrictFlags("c11"), "-I", Path.Combine(NativeToolchain.SdkInclude, "win32"),
            "-c", "-o", output.File("subset.o"), source,
        ]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("lstrcpyW", result.Output, StringComparison.Ordinal);
        Assert.Contains("incompatible pointer type", result.Output, StringComparison.Ordinal);
    }
}
