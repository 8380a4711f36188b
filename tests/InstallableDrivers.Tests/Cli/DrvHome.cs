using System.Diagnostics;
using InstallableDrivers.Tests.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Cli;

/// <summary>What one run of drv did.</summary>
internal sealed record DrvResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}

/// <summary>
/// A temporary registry for the real drv tool, run as a process (<c>dotnet drv.dll --registry …</c>), with copies of
/// the built drivers beside it that a test may change without disturbing any other.
/// </summary>
internal sealed class DrvHome : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory directory = new();

    public string RegistryPath => directory.File("system.ini");

    public string RegistryText => File.ReadAllText(RegistryPath);

    /// <summary>Copies a built driver (by its C file's name) into a folder of this home and returns the copy's full path.</summary>
    public string CopyDriver(string name, string? fileName = null)
    {
        var target = directory.File("files", fileName ?? name + ".so");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(TestDrivers.PathOf(name), target, overwrite: true);
        return target;
    }

    /// <summary>Runs <c>drv --registry this-home args…</c>.</summary>
    public DrvResult Run(params string[] args) => RunRaw(["--registry", RegistryPath, .. args]);

    /// <summary>Runs drv with exactly these arguments; a run longer than <paramref name="timeout"/> (default 60 s) is killed and fails the test.</summary>
    public DrvResult RunRaw(IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = BuiltProgram.StartInfo("DrvPath", args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = workingDirectory ?? directory.Path;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start drv.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? Timeout;
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"drv {string.Join(' ', args)} did not finish in {limit.TotalSeconds} s.");
        }

        return new DrvResult(process.ExitCode, output.Result, error.Result);
    }

    public void Dispose() => directory.Dispose();
}
