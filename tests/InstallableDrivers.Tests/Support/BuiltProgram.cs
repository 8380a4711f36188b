using System.Diagnostics;
using System.Reflection;

namespace InstallableDrivers.Tests.Support;

/// <summary>
/// A program the build made for the tests to run as a separate process. The test project's build stamps each one's dll
/// path into this assembly under a key (StampPathAs in the .csproj).
/// </summary>
internal static class BuiltProgram
{
    /// <summary>The dll the build stamped under a key.</summary>
    public static string PathOf(string key) => typeof(BuiltProgram).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == key).Value!;

    /// <summary>Starts the program with the same dotnet that runs these tests (the SDK sets DOTNET_HOST_PATH for the processes it starts).</summary>
    public static ProcessStartInfo StartInfo(string key, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(PathOf(key));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
