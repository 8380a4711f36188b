using System.Diagnostics;
using System.Runtime.Versioning;
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

    /// <summary>A path inside this home's folder.</summary>
    public string PathOf(params string[] names) => directory.File(names);

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
        using var process = StartRaw(args, workingDirectory, environment);
        return Finish(process, timeout);
    }

    /// <summary>Starts <c>drv --registry this-home args…</c> without waiting for it; <see cref="Finish"/> waits.</summary>
    public Process Start(IEnumerable<string> args, IDictionary<string, string>? environment = null) =>
        StartRaw(["--registry", RegistryPath, .. args], null, environment);

    /// <summary>
    /// Runs <c>drv --registry this-home args…</c> as another user (with setpriv; the tests run as root), after opening
    /// this home's folder to everyone (keeping any write permission a test gave it) so that the user can read it.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    public DrvResult RunAs(int uid, params string[] args)
    {
        File.SetUnixFileMode(directory.Path, File.GetUnixFileMode(directory.Path)
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var drv = BuiltProgram.StartInfo("DrvPath", ["--registry", RegistryPath, .. args]);
        string[] setpriv = [$"--reuid={uid}", $"--regid={uid}", "--clear-groups", drv.FileName, .. drv.ArgumentList];
        var start = new ProcessStartInfo("setpriv", setpriv) { UseShellExecute = false, WorkingDirectory = directory.Path };
        // dotnet wants a home it can write to; root's is not.
        start.Environment["HOME"] = directory.Path;
        start.Environment["DOTNET_CLI_HOME"] = directory.Path;
        using var process = Started(start);
        return Finish(process);
    }

    /// <summary>
    /// Waits for a drv started by <see cref="Start"/> and collects what it wrote (its stderr from where the test left it);
    /// a run longer than <paramref name="timeout"/> (default 60 s) is killed and fails the test.
    /// </summary>
    public static DrvResult Finish(Process process, TimeSpan? timeout = null)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? Timeout;
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"drv {string.Join(' ', process.StartInfo.ArgumentList)} did not finish in {limit.TotalSeconds} s.");
        }

        return new DrvResult(process.ExitCode, output.Result, error.Result);
    }

    private Process StartRaw(IEnumerable<string> args, string? workingDirectory, IDictionary<string, string>? environment)
    {
        var start = BuiltProgram.StartInfo("DrvPath", args);
        start.WorkingDirectory = workingDirectory ?? directory.Path;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Started(start);
    }

    private static Process Started(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
    }

    public void Dispose() => directory.Dispose();
}
