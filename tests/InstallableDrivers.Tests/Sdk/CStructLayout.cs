using System.Globalization;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>A C struct's size and field offsets, as the machine's C compiler lays it out, for checking a C# twin against.</summary>
internal static class CStructLayout
{
    /// <summary>Compiles and runs a program that includes <paramref name="header"/> and prints the struct's layout.</summary>
    /// <param name="header">The header declaring the struct.</param>
    /// <param name="structName">The struct's typedef name.</param>
    /// <param name="fields">The C names of the fields to measure.</param>
    /// <param name="includeDirectories">Include directories beyond the SDK's, the header's own folder among them.</param>
    /// <returns>"size" and each field's offset.</returns>
    public static IReadOnlyDictionary<string, long> Measure(string header, string structName, IEnumerable<string> fields, params IEnumerable<string> includeDirectories)
    {
        using var directory = new TempDirectory();
        var source = directory.File("layout_probe.c");
        var printed = string.Join("\n    ", fields.Select(f => $"printf(\"{f} %zu\\n\", offsetof({structName}, {f}));"));
        File.WriteAllText(source, $$"""
            #include <stddef.h>
            #include <stdio.h>
            #include "{{header}}"
            int main(void)
            {
                printf("size %zu\n", sizeof({{structName}}));
                {{printed}}
                return 0;
            }
            """);
        var program = directory.File("layout_probe");
        NativeToolchain.CompileCleanly([.. NativeToolchain.StrictFlags("c11"), .. includeDirectories.SelectMany(d => new[] { "-I", d }), "-o", program, source]);
        var run = NativeToolchain.Run(program, []);
        Assert.Equal(0, run.ExitCode);
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
