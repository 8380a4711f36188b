using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// Crash after crash leaves nothing behind in the application: no arena mapping, no descriptor, no pump thread, no
/// host process. docs/isolation.md has the same count over 1,000 cycles, measured by hand.
/// </summary>
public sealed class CrashRestartLeakTests : IsolationTest
{
    private const int Cycles = 200;

    [Fact]
    public void Two_hundred_crash_and_restart_cycles_leak_no_mapping_descriptor_thread_or_process()
    {
        var driver = new CrashingDriver("segv", "user");
        CrashAndRestart(driver);
        var before = Resources.CountOnceSettled((0, 0, 0, 0));
        Assert.Equal((0, 0, 0, 0), before);

        for (var i = 0; i < Cycles; i++)
        {
            CrashAndRestart(driver);
        }

        // Nothing piles up while the cycles run (at most the last host's pump thread may still be on its way out) ...
        var right = Resources.Count();
        Assert.True(right.ArenaMappings <= 1, $"{right.ArenaMappings} arenas are still mapped right after the cycles");

        // ... and once it has ended, everything is back.
        Assert.Equal(before, Resources.CountOnceSettled(before));
        HostProcesses.AssertNoneLeft();
    }

    [Fact]
    public void The_count_sees_what_a_running_host_holds()
    {
        var before = Resources.CountOnceSettled((0, 0, 0, 0));
        using var driver = Manager.Open("isolationdrv");
        // A DriverCallback (of nothing) from a thread of the driver's own: answered by the pump, so the pump runs.
        Assert.Equal(0, driver.Send(DRV_USER + 2));
        var running = Resources.Count();
        Assert.Equal(before.ArenaMappings + 1, running.ArenaMappings);
        Assert.Equal(before.ArenaDescriptors + 1, running.ArenaDescriptors);
        Assert.Equal(before.Pidfds + 1, running.Pidfds);
        Assert.Equal(before.Threads + 2, running.Threads);
    }

    private void CrashAndRestart(CrashingDriver driver)
    {
        driver.Arm();
        using var instance = Manager.Open(driver.Path);
        Assert.Throws<DriverCrashedException>(() => instance.Send(DRV_USER + 1));
    }

    /// <summary>What an isolated module holds in this process, counted from /proc/self.</summary>
    internal static class Resources
    {
        public static (int ArenaMappings, int ArenaDescriptors, int Pidfds, int Threads) Count()
        {
            var maps = File.ReadAllLines("/proc/self/maps").Count(line => line.Contains("installable-drivers-arena", StringComparison.Ordinal));
            var descriptors = Directory.GetFiles("/proc/self/fd").Select(Target).ToList();
            // The module's pump thread and its channel's watcher thread.
            var threads = Directory.GetDirectories("/proc/self/task").Count(task => Read(Path.Combine(task, "comm")).StartsWith("driver host", StringComparison.Ordinal));
            return (maps, descriptors.Count(d => d.Contains("installable-drivers-arena", StringComparison.Ordinal)),
                descriptors.Count(d => d.Contains("pidfd", StringComparison.Ordinal)), threads);
        }

        /// <summary>The count, once it equals <paramref name="expected"/> or 2 s have passed.</summary>
        public static (int ArenaMappings, int ArenaDescriptors, int Pidfds, int Threads) CountOnceSettled((int, int, int, int) expected)
        {
            var count = Count();
            for (var waited = 0; count != expected && waited < 200; waited++)
            {
                Thread.Sleep(10);
                count = Count();
            }

            return count;
        }

        private static string Target(string link)
        {
            try
            {
                return new FileInfo(link).LinkTarget ?? "";
            }
            catch (IOException)
            {
                return ""; // closed while we looked
            }
        }

        private static string Read(string path)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (IOException)
            {
                return ""; // ended while we looked
            }
        }
    }
}
