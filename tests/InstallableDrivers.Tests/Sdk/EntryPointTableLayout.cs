using System.Globalization;
using System.Runtime.InteropServices;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>
/// Compares a C struct of entry points, compiled from its header, with its C# twin: the same size and, field by field,
/// the same offsets, and no field the list forgets.
/// </summary>
internal static class EntryPointTableLayout
{
    /// <summary>Compiles a probe that prints the C struct's size and offsets, and checks the C# twin against them.</summary>
    /// <typeparam name="T">The C# twin.</typeparam>
    /// <param name="header">The header's file name.</param>
    /// <param name="cStruct">The C struct's typedef name.</param>
    /// <param name="fields">Every field: its C name and its C# name.</param>
    /// <param name="includeDirectories">Where the header and what it includes are, beyond sdk/include.</param>
    public static void AssertMatches<T>(string header, string cStruct, (string C, string CSharp)[] fields, params string[] includeDirectories)
    {
        using var directory = new TempDirectory();
        var source = directory.File("layout_probe.c");
        var printed = string.Join("\n    ", fields.Select(f => $"printf(\"{f.C} %zu\\n\", offsetof({cStruct}, {f.C}));"));
        File.WriteAllText(source, $$"""
            #include <stddef.h>
            #include <stdio.h>
            #include "{{header}}"
            int main(void)
            {
                printf("sizeof %zu\n", sizeof({{cStruct}})); /* a C keyword: no field can have the name */
                {{printed}}
                return 0;
            }
            """);
        var program = directory.File("layout_probe");
        NativeToolchain.CompileCleanly([.. NativeToolchain.StrictFlags("c11"), .. includeDirectories.SelectMany(d => new[] { "-I", d }), "-o", program, source]);
        var run = NativeToolchain.Run(program, []);
        Assert.Equal(0, run.ExitCode);
        var c = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], CultureInfo.InvariantCulture));

        Assert.Equal(Marshal.SizeOf<T>(), c["sizeof"]);
        foreach (var (cName, csName) in fields)
        {
            Assert.Equal(Marshal.OffsetOf<T>(csName).ToInt64(), c[cName]);
        }

        Assert.Equal(fields.Length, typeof(T).GetFields().Length);
    }
}
