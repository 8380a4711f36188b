using System.Globalization;
using System.Runtime.InteropServices;
using InstallableDrivers.Native;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>The host library's entry-point struct in C (installable_drivers_host.h) and its C# twin agree field by field.</summary>
public sealed class HostEntryPointsLayoutTests
{
    private static readonly (string C, string CSharp)[] Fields =
        [("open", "Open"), ("close", "Close"), ("send", "Send"), ("module_handle", "ModuleHandle"), ("callback", "Callback")];

    [Fact]
    public void The_C_struct_and_its_CSharp_twin_have_the_same_size_and_field_offsets()
    {
        using var directory = new TempDirectory();
        var source = directory.File("host_probe.c");
        var printed = string.Join("\n    ", Fields.Select(f => $"printf(\"{f.C} %zu\\n\", offsetof(installable_drivers_host, {f.C}));"));
        File.WriteAllText(source, $$"""
            #include <stddef.h>
            #include <stdio.h>
            #include "installable_drivers_host.h"
            int main(void)
            {
                printf("size %zu\n", sizeof(installable_drivers_host));
                {{printed}}
                return 0;
            }
            """);
        var program = directory.File("host_probe");
        var hostSources = Path.Combine(NativeToolchain.RepositoryRoot, "src", "InstallableDrivers", "Native");
        NativeToolchain.CompileCleanly([.. NativeToolchain.StrictFlags("c11"), "-I", hostSources, "-o", program, source]);
        var run = NativeToolchain.Run(program, []);
        Assert.Equal(0, run.ExitCode);
        var c = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], CultureInfo.InvariantCulture));

        Assert.Equal(Marshal.SizeOf<HostEntryPoints>(), c["size"]);
        foreach (var (cName, csName) in Fields)
        {
            Assert.Equal(Marshal.OffsetOf<HostEntryPoints>(csName).ToInt64(), c[cName]);
        }

        Assert.Equal(Fields.Length, typeof(HostEntryPoints).GetFields().Length);
    }
}
