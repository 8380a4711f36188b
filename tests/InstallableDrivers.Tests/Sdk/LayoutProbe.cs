using System.Globalization;
using System.Reflection;
using System.Text;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>
/// Compiles and runs layout_probe.c once, and keeps what it printed: the sizes, offsets and constant values the C
/// side of the contract has, and DefDriverProc's answers, for the tests to compare with the C# side.
/// </summary>
public sealed class LayoutProbe : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Dictionary<string, long> _facts = [];
    private readonly HashSet<string> _missing = [];

    public LayoutProbe()
    {
        try
        {
            CompileAndRun();
        }
        catch
        {
            _directory.Dispose(); // xunit does not dispose a fixture whose constructor threw
            throw;
        }
    }

    private void CompileAndRun()
    {
        File.WriteAllText(_directory.File("probe_constants.inc"), ConstantsInclude());
        File.WriteAllText(_directory.File("probe_layouts.inc"), LayoutsInclude());
        var program = _directory.File(OperatingSystem.IsWindows() ? "layout_probe.exe" : "layout_probe");
        NativeToolchain.CompileCleanly(
        [
            .. NativeToolchain.StrictFlags("c11"), "-I", _directory.Path,
            "-I", Path.Combine(NativeToolchain.SdkInclude, "win32"), "-o", program,
            Path.Combine(SdkHeaderTests.SourceDirectory, "layout_probe.c"),
        ]);

        var messages = SdkHeaderTests.DefDriverProcAnswers.Select(row => ((uint)row[0]).ToString(CultureInfo.InvariantCulture));
        var run = NativeToolchain.Run(program, messages);
        Assert.True(run.ExitCode == 0, $"layout_probe exited with {run.ExitCode}:\n{run.Output}");

        foreach (var line in run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ');
            if (parts is ["missing", var name])
            {
                _missing.Add(name);
            }
            else
            {
                _facts[$"{parts[0]} {parts[1]}"] = long.Parse(parts[2], CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>The public constants of <see cref="DriverMessages"/>: each must have a C twin in the header.</summary>
    public static IEnumerable<FieldInfo> CSharpConstants => LiteralsOf(typeof(DriverMessages));

    /// <summary>
    /// Every C# type whose public constants (or, for an enum, values) have C twins of the same names in the SDK
    /// headers: the probe prints each one's C value.
    /// </summary>
    public static IReadOnlyList<Type> ConstantSources { get; } =
    [
        typeof(DriverMessages), typeof(MMRESULT), typeof(WaveMessages), typeof(WaveHeaderFlags), typeof(WaveOpenFlags),
        typeof(WaveFormatTags), typeof(WaveCapsSupport), typeof(WaveCapsFormats), typeof(TimeFormats), typeof(MultimediaLimits),
    ];

    /// <summary>The constants of one of the <see cref="ConstantSources"/>, by name, with their values.</summary>
    public static IEnumerable<(string Name, long Value)> ConstantsOf(Type source) =>
        source.IsEnum
            ? Enum.GetNames(source).Select(name => (name, Convert.ToInt64(Enum.Parse(source, name), CultureInfo.InvariantCulture)))
            : LiteralsOf(source).Select(field => (field.Name, Convert.ToInt64(field.GetRawConstantValue(), CultureInfo.InvariantCulture)));

    /// <summary>
    /// The interop structures of InstallableDrivers.Multimedia whose C twins (same name, same field names) the probe
    /// measures: its size and every field's offset.
    /// </summary>
    public static IReadOnlyList<Type> MultimediaStructures { get; } =
    [
        typeof(WAVEFORMATEX), typeof(ACMDRIVERDETAILS), typeof(ACMFORMATTAGDETAILS), typeof(ACMFORMATDETAILS),
        typeof(ACMSTREAMHEADER), typeof(ACMDRVSTREAMHEADER), typeof(ACMDRVSTREAMINSTANCE), typeof(ACMDRVSTREAMSIZE),
        typeof(ACMDRVFORMATSUGGEST), typeof(ACMDRVOPENDESC), typeof(ACMFILTERTAGDETAILS), typeof(ACMFILTERDETAILS), typeof(WAVEFILTER),
    ];

    /// <summary>The public constants of the ACM interop types: each must have a C twin in msacm.h, msacmdrv.h or mmreg.h.</summary>
    public static IEnumerable<FieldInfo> AcmConstants =>
        new[]
        {
            typeof(AcmMessages), typeof(AcmErrors), typeof(AcmDriverFlags), typeof(AcmDetailsFlags), typeof(AcmStreamFlags),
            typeof(AcmMetric), typeof(WaveFormatTags),
        }
        .Concat(MultimediaStructures)
        .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(member => member.IsLiteral);

    /// <summary>The public instance fields of a structure, in declaration order.</summary>
    public static IEnumerable<string> FieldsOf(Type structure) =>
        structure.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(field => field.Name);

    /// <summary>One fact the probe printed, for example <c>Fact("size", "DWORD")</c>.</summary>
    public long Fact(string kind, string name) =>
        _facts.TryGetValue($"{kind} {name}", out var value)
            ? value
            : throw new KeyNotFoundException($"layout_probe printed no '{kind} {name}'.");

    public bool IsMissing(string constant) => _missing.Contains(constant);

    public void Dispose() => _directory.Dispose();

    // For each C# constant, a line that prints the header's value, or says the header has none; written by the
    // test rather than by hand so that a constant added to any of the ConstantSources is checked without anyone editing C.
    private static string ConstantsInclude()
    {
        var text = new StringBuilder();
        var names = ConstantSources.SelectMany(ConstantsOf).Select(constant => constant.Name).Concat(AcmConstants.Select(field => field.Name));
        foreach (var name in names.Distinct())
        {
            text.Append(CultureInfo.InvariantCulture, $"#ifdef {name}\n    PRINT_CONSTANT({name});\n");
            text.Append(CultureInfo.InvariantCulture, $"#else\n    PRINT_MISSING(\"{name}\");\n#endif\n");
        }

        return text.ToString();
    }

    private static IEnumerable<FieldInfo> LiteralsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(member => member.IsLiteral);

    // For each multimedia structure, a line that prints its C size and one per field that prints the field's offset.
    private static string LayoutsInclude()
    {
        var text = new StringBuilder();
        foreach (var structure in MultimediaStructures)
        {
            text.Append(CultureInfo.InvariantCulture, $"    PRINT_SIZE({structure.Name});\n");
            foreach (var field in FieldsOf(structure))
            {
                text.Append(CultureInfo.InvariantCulture, $"    PRINT_OFFSET({structure.Name}, {field});\n");
            }
        }

        return text.ToString();
    }
}
