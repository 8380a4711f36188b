using System.Globalization;
using InstallableDrivers.Isolation;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>The driver host processes this test process has started and not yet reaped (zombies included), from /proc.</summary>
internal static class HostProcesses
{
    /// <summary>The pids of this process's children running the host program (or left as zombies by it).</summary>
    public static IReadOnlyList<int> Children()
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // comm is the program's name cut to 15 characters.
        var name = IsolatedModuleLoader.HostProgram[..Math.Min(15, IsolatedModuleLoader.HostProgram.Length)];
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // ended while we looked
            }

            // pid (comm) state ppid ...: comm may hold spaces, so split after its closing parenthesis.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            if (fields[1] == self && (stat[(open + 1)..close] == name || IsDotNetHost(directory)))
            {
                children.Add(pid);
            }
        }

        return children;
    }

    /// <summary>
    /// True for a running .NET host ("dotnet installable-drivers-dotnet-host.dll …"). A zombie has no command line, so a
    /// .NET host left unreaped would go unseen here; the native host's tests cover the reaping, which is the same code.
    /// </summary>
    private static bool IsDotNetHost(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(IsolatedModuleLoader.DotNetHostAssembly, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false; // ended while we looked
        }
    }

    /// <summary>Asserts that no host process of this test process is left, running or as a zombie.</summary>
    public static void AssertNoneLeft() => Assert.Empty(Children());
}
