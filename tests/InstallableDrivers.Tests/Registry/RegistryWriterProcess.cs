using System.Diagnostics;
using System.Reflection;

namespace InstallableDrivers.Tests.Registry;

/// <summary>Starts tests/InstallableDrivers.RegistryWriter, which sets <c>prefix{i}=file{i}.so arg</c> for i = 0 .. count-1.</summary>
internal static class RegistryWriterProcess
{
    // Where the build put the writer; the test project's build writes it into this assembly (see its .csproj).
    private static readonly string WriterPath = typeof(RegistryWriterProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RegistryWriterPath").Value!;

    /// <summary>The value the writer stores for its i-th alias.</summary>
    public static string ValueFor(int i) => $"file{i}.so arg";

    public static Process Start(string registryPath, string section, string prefix, int count)
    {
        // The same dotnet that runs these tests: the SDK sets DOTNET_HOST_PATH for the processes it starts.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { WriterPath, registryPath, section, prefix, count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {WriterPath}.");
    }
}
