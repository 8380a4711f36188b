using System.ComponentModel;
using System.Diagnostics;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>
/// Runs the machine's C compiler against the SDK header, the way a driver author would: the compiler is $CC or
/// <c>cc</c>, as in build/NativeDrivers.targets, and sources are read from the repository, not the test output.
/// </summary>
internal static class NativeToolchain
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The directory holding InstallableDrivers.slnx.</summary>
    public static string RepositoryRoot => Root.Value;

    public static string SdkInclude => Path.Combine(RepositoryRoot, "sdk", "include");

    public static string Compiler =>
        Environment.GetEnvironmentVariable("CC") is { Length: > 0 } cc ? cc : "cc";

    /// <summary>The strict flags a driver author is promised a clean build under.</summary>
    public static IReadOnlyList<string> StrictFlags(string standard) =>
        [$"-std={standard}", "-O2", "-Wall", "-Wextra", "-Werror", "-pedantic", "-I", SdkInclude];

    /// <summary>
    /// The arguments that build a loadable driver at <paramref name="output"/> under the strict flags, shared as
    /// build/NativeDrivers.targets builds it; <paramref name="rest"/> ends with the source file.
    /// </summary>
    public static IReadOnlyList<string> DriverBuild(string standard, string output, params IEnumerable<string> rest) =>
    [
        .. StrictFlags(standard), "-shared", .. OperatingSystem.IsWindows() ? Array.Empty<string>() : ["-fPIC"],
        "-o", output, .. rest,
    ];

    public static string DriverFileName(string name) => OperatingSystem.IsWindows() ? name + ".dll" : name + ".so";

    /// <summary>Runs the compiler; throws with a clear message when there is none, so the test fails, never skips.</summary>
    public static ProcessResult Compile(IEnumerable<string> arguments)
    {
        try
        {
            return Run(Compiler, arguments);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"No C compiler: '{Compiler}' could not be started ({e.Message}). The SDK tests compile C against " +
                "sdk/include/installable_driver.h. Install gcc or clang (Debian/Ubuntu: apt-get install gcc), " +
                "or set CC to a compiler's path.",
                e);
        }
    }

    /// <summary>Compiles and asserts a clean build, showing the compiler's output if it was not.</summary>
    public static void CompileCleanly(IEnumerable<string> arguments)
    {
        var args = arguments.ToList();
        var result = Compile(args);
        Assert.True(
            result.ExitCode == 0,
            $"{Compiler} {string.Join(' ', args)}\nexited with {result.ExitCode}:\n{result.Output}");
    }

    /// <summary>Runs a program to completion and returns its exit code with stdout and stderr interleaved.</summary>
    public static ProcessResult Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within 2 minutes.");
        }

        process.WaitForExit(); // drains the asynchronous readers
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString());
        }
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "InstallableDrivers.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No InstallableDrivers.slnx above {AppContext.BaseDirectory}: the SDK tests read the header and C sources from the repository.");
    }
}

/// <summary>A finished process: its exit code and everything it printed.</summary>
internal sealed record ProcessResult(int ExitCode, string Output);

/// <summary>A fresh temporary directory for compiler output, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("installable-drivers-sdk-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            // Windows keeps a loaded DLL's file locked; the system's temp cleanup removes it later.
        }
        catch (IOException)
        {
            // As above.
        }
    }
}
