using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>
/// sdk/include/installable_driver.h against its promises: drivers compile cleanly against it under strict flags,
/// the C types and constants are the ones the C# side marshals (docs/contract.md#constants and #types), and its DefDriverProc
/// answers as docs/contract.md#defdriverproc says.
/// </summary>
public sealed partial class SdkHeaderTests(LayoutProbe probe) : IClassFixture<LayoutProbe>
{
    /// <summary>Where the C sources of these tests live in the repository.</summary>
    public static string SourceDirectory =>
        Path.Combine(NativeToolchain.RepositoryRoot, "tests", "InstallableDrivers.Tests", "Sdk");

    /// <summary>The sample driver, which these tests and <see cref="TonegenSampleTests"/> build.</summary>
    public static string TonegenSource =>
        Path.Combine(NativeToolchain.RepositoryRoot, "samples", "NativeDriver", "tonegen.c");

    // ---- (a) drivers compile cleanly ---------------------------------------------------------------------------

    [Theory]
    [InlineData("c99")]
    [InlineData("c11")]
    public void A_driver_that_uses_every_name_compiles_cleanly(string standard)
    {
        using var output = new TempDirectory();
        NativeToolchain.CompileCleanly(NativeToolchain.DriverBuild(
            standard, output.File(NativeToolchain.DriverFileName("every_name")), Path.Combine(SourceDirectory, "every_name.c")));
    }

    [Fact]
    public void A_driver_that_uses_every_name_compiles_cleanly_as_CPlusPlus()
    {
        using var output = new TempDirectory();
        NativeToolchain.CompileCleanly(NativeToolchain.DriverBuild(
            "c++11", output.File(NativeToolchain.DriverFileName("every_name")), "-x", "c++", Path.Combine(SourceDirectory, "every_name.c")));
    }

    [Theory]
    [InlineData("c99")]
    [InlineData("c11")]
    public void The_tonegen_sample_compiles_cleanly(string standard)
    {
        using var output = new TempDirectory();
        NativeToolchain.CompileCleanly(
            NativeToolchain.DriverBuild(standard, output.File(NativeToolchain.DriverFileName("tonegen")), TonegenSource));
    }

    // An unchanged Win32 driver has no DRIVER_EXPORT on its DriverProc; the header's declaration must export it
    // anyway, with C linkage, even when the build hides every other symbol.
    [Theory]
    [InlineData("c")]
    [InlineData("c++")]
    public unsafe void A_DriverProc_without_DRIVER_EXPORT_is_exported_under_hidden_visibility(string language)
    {
        using var output = new TempDirectory();
        var source = output.File("plain.c");
        File.WriteAllText(source, """
            #include "installable_driver.h"

            LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
            {
                return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
            }

            """);
        var driver = output.File(NativeToolchain.DriverFileName("plain"));
        NativeToolchain.CompileCleanly(NativeToolchain.DriverBuild(
            language == "c" ? "c11" : "c++11", driver, "-fvisibility=hidden", "-x", language, source));

        var library = NativeLibrary.Load(driver);
        try
        {
            Assert.True(NativeLibrary.TryGetExport(library, "DriverProc", out var export), "DriverProc is not exported.");
            var driverProc = (delegate* unmanaged<nuint, nint, uint, nint, nint, nint>)export;
            Assert.Equal(1, driverProc(0, 0x1000, DriverMessages.DRV_LOAD, 0, 0));
        }
        finally
        {
            NativeLibrary.Free(library);
        }
    }

    // With 64-bit pointers, a DriverProc that takes its id or lParams as DWORD or LONG would receive them cut to 32
    // bits; the header's declaration turns that into a compile error.
    [Fact]
    public void A_DriverProc_with_32_bit_parameters_does_not_compile()
    {
        using var output = new TempDirectory();
        var source = output.File("old.c");
        File.WriteAllText(source, """
            #include "installable_driver.h"

            LONG FAR PASCAL DriverProc(DWORD dwDriverId, HDRVR hdrvr, UINT msg, LONG lParam1, LONG lParam2)
            {
                return (LONG)DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
            }

            """);
        var result = NativeToolchain.Compile(
            NativeToolchain.DriverBuild("c11", output.File(NativeToolchain.DriverFileName("old")), source));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("DriverProc", result.Output, StringComparison.Ordinal);
    }

    // ---- (b) the C side matches the C# side ---------------------------------------------------------------------

    public static TheoryData<string, int> Win32Sizes => new()
    {
        { "BYTE", sizeof(byte) },
        { "WORD", sizeof(ushort) },
        { "DWORD", sizeof(uint) },
        { "LONG", sizeof(int) },
        { "UINT", sizeof(uint) },
        { "INT", sizeof(int) },
        { "BOOL", sizeof(int) },
        { "WCHAR", sizeof(char) },
        { "LPARAM", IntPtr.Size },
        { "WPARAM", IntPtr.Size },
        { "LRESULT", IntPtr.Size },
        { "DWORD_PTR", IntPtr.Size },
        { "UINT_PTR", IntPtr.Size },
        { "LONG_PTR", IntPtr.Size },
        { "HDRVR", Marshal.SizeOf<HDRVR>() },
        { "HMODULE", IntPtr.Size },
    };

    [Theory]
    [MemberData(nameof(Win32Sizes))]
    public void Each_type_has_its_Win32_size(string type, int csharpSize)
    {
        Assert.Equal(csharpSize, probe.Fact("size", type));
    }

    [Fact]
    public void DRVCONFIGINFO_has_the_same_layout_in_C_and_CSharp()
    {
        Assert.Equal(Marshal.SizeOf<DRVCONFIGINFO>(), probe.Fact("size", "DRVCONFIGINFO"));
        foreach (var field in new[] { nameof(DRVCONFIGINFO.dwDCISize), nameof(DRVCONFIGINFO.lpszDCISectionName), nameof(DRVCONFIGINFO.lpszDCIAliasName) })
        {
            Assert.Equal(Marshal.OffsetOf<DRVCONFIGINFO>(field), (nint)probe.Fact("offset", $"DRVCONFIGINFO.{field}"));
        }

        // docs/contract.md#types: packed to 1 byte, 20 bytes with offsets 0, 4, 12 on 64-bit; 12 bytes on 32-bit.
        Assert.Equal(4 + (2 * IntPtr.Size), probe.Fact("size", "DRVCONFIGINFO"));
        Assert.Equal(4 + IntPtr.Size, probe.Fact("offset", "DRVCONFIGINFO.lpszDCIAliasName"));
    }

    [Fact]
    public void DRVCONFIGINFOEX_has_the_same_layout_in_C_and_CSharp()
    {
        Assert.Equal(Marshal.SizeOf<DRVCONFIGINFOEX>(), probe.Fact("size", "DRVCONFIGINFOEX"));
        foreach (var field in new[] { nameof(DRVCONFIGINFOEX.dwDCISize), nameof(DRVCONFIGINFOEX.lpszDCISectionName), nameof(DRVCONFIGINFOEX.lpszDCIAliasName), nameof(DRVCONFIGINFOEX.dnDevNode) })
        {
            Assert.Equal(Marshal.OffsetOf<DRVCONFIGINFOEX>(field), (nint)probe.Fact("offset", $"DRVCONFIGINFOEX.{field}"));
        }

        Assert.Equal(8 + (2 * IntPtr.Size), probe.Fact("size", "DRVCONFIGINFOEX"));
    }

    public static TheoryData<string> CSharpConstantNames => [.. LayoutProbe.CSharpConstants.Select(constant => constant.Name)];

    [Theory]
    [MemberData(nameof(CSharpConstantNames))]
    public void Each_DriverMessages_constant_has_a_C_twin_with_the_same_value(string name)
    {
        Assert.False(probe.IsMissing(name), $"installable_driver.h does not define {name}, which DriverMessages has.");
        var constant = LayoutProbe.CSharpConstants.Single(c => c.Name == name);
        var csharpValue = Convert.ToInt64(constant.GetRawConstantValue(), CultureInfo.InvariantCulture);
        Assert.Equal(csharpValue, probe.Fact("const", name));
    }

    // The other direction, by reading the header: a constant the C side gained must be added to DriverMessages too,
    // except the aliases mmsystem.h has that the C# side deliberately leaves out.
    [Fact]
    public void Each_constant_the_header_defines_is_in_DriverMessages()
    {
        string[] headerOnly = ["CALLBACK_THREAD"]; // mmsystem.h's other name for CALLBACK_TASK
        var header = File.ReadAllText(Path.Combine(NativeToolchain.SdkInclude, "installable_driver.h"));
        var csharp = LayoutProbe.CSharpConstants.Select(constant => constant.Name).ToHashSet();

        var defined = ConstantDefinition().Matches(header).Select(match => match.Groups[1].Value).Distinct().ToList();
        Assert.Contains("DRV_LOAD", defined); // the pattern still finds the header's constants

        var unknown = defined.Where(name => !csharp.Contains(name) && !headerOnly.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, $"installable_driver.h defines constants DriverMessages lacks: {string.Join(", ", unknown)}");
    }

    [GeneratedRegex(@"^\s*#\s*define\s+((?:DRV|DRVCNF|DRVEA|DCB|CALLBACK)_[A-Z0-9_]+)\b", RegexOptions.Multiline)]
    private static partial Regex ConstantDefinition();

    // ---- (c) DefDriverProc answers as docs/contract.md#defdriverproc says --------------------------------------------------------

    public static TheoryData<uint, long> DefDriverProcAnswers => new()
    {
        { DriverMessages.DRV_LOAD, 1 },
        { DriverMessages.DRV_FREE, 1 },
        { DriverMessages.DRV_ENABLE, 1 },
        { DriverMessages.DRV_DISABLE, 1 },
        { DriverMessages.DRV_INSTALL, 1 },
        { DriverMessages.DRV_REMOVE, 1 },
        { DriverMessages.DRV_OPEN, 0 },
        { DriverMessages.DRV_CLOSE, 0 },
        { DriverMessages.DRV_CONFIGURE, 0 },
        { DriverMessages.DRV_QUERYCONFIGURE, 0 },
        { DriverMessages.DRV_EXITSESSION, 0 },
        { DriverMessages.DRV_EXITAPPLICATION, 0 },
        { DriverMessages.DRV_POWER, 0 },
        { DriverMessages.DRV_RESERVED, 0 },
        { DriverMessages.DRV_MCI_LAST, 0 },
        { DriverMessages.DRV_USER, 0 },
        { DriverMessages.DRV_USER + 1, 0 },
        { 0x0000, 0 },
        { 0x000D, 0 },
        { 0x000E, 0 },
        { uint.MaxValue, 0 },
    };

    [Theory]
    [MemberData(nameof(DefDriverProcAnswers))]
    public void DefDriverProc_answers_as_the_spec_says(uint message, long expected)
    {
        Assert.Equal(expected, probe.Fact("DefDriverProc", message.ToString(CultureInfo.InvariantCulture)));
    }
}
