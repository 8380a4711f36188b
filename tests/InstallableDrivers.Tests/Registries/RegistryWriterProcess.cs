using System.Diagnostics;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Registries;

/// <summary>Starts tests/InstallableDrivers.RegistryWriter, which sets <c>prefix{i}=file{i}.so arg</c> for i = 0 .. count-1.</summary>
internal static class RegistryWriterProcess
{
    /// <summary>The value the writer stores for its i-th alias.</summary>
    public static string ValueFor(int i) => $"file{i}.so arg";

    public static Process Start(string registryPath, string section, string prefix, int count)
    {
        var start = BuiltProgram.StartInfo("RegistryWriterPath",
            [registryPath, section, prefix, count.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        start.RedirectStandardError = true;
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.ArgumentList[0]}.");
    }
}
