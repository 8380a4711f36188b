using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Registries;

/// <summary>The registry file shared with other processes: concurrent writers, and writers killed mid-write.</summary>
public sealed class IniDriverRegistryProcessTests : IDisposable
{
    private const string Section = "Drivers32";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TemporaryDirectory directory = new();

    private string IniPath => directory.File("system.ini");

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Processes_writing_at_once_lose_no_update()
    {
        const int writesEach = 200;
        string[] prefixes = ["a", "b", "c"];

        // Holding the lock until every writer is up makes them all contend from their first write; otherwise a writer
        // can finish its 200 writes before the next one has started.
        var writers = new List<System.Diagnostics.Process>();
        using (new FileStream(IniPath + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
        {
            writers.AddRange(prefixes.Select(prefix => RegistryWriterProcess.Start(IniPath, Section, prefix, writesEach)));
            await Task.Delay(TimeSpan.FromMilliseconds(400));
        }

        foreach (var writer in writers)
        {
            using (writer)
            {
                await writer.WaitForExitAsync(new CancellationTokenSource(Patience).Token);
                Assert.True(writer.ExitCode == 0, await writer.StandardError.ReadToEndAsync());
            }
        }

        var registry = new IniDriverRegistry(IniPath);
        foreach (var prefix in prefixes)
        {
            for (var i = 0; i < writesEach; i++)
            {
                Assert.Equal(RegistryWriterProcess.ValueFor(i), registry.GetValue(Section, $"{prefix}{i}"));
            }
        }

        Assert.Equal(prefixes.Length * writesEach, registry.GetAliases(Section).Count);
    }

    [Fact]
    public async Task A_writer_killed_mid_write_leaves_the_old_or_the_new_file()
    {
        var registry = new IniDriverRegistry(IniPath);
        for (var round = 0; round < 5; round++)
        {
            var prefix = $"k{round}.";
            using (var writer = RegistryWriterProcess.Start(IniPath, Section, prefix, 1_000_000))
            {
                await WaitUntil(() => registry.GetAliases(Section).Any(alias => alias.StartsWith(prefix, StringComparison.Ordinal)));
                await Task.Delay(Random.Shared.Next(0, 20));
                writer.Kill();
                await writer.WaitForExitAsync(new CancellationTokenSource(Patience).Token);
            }

            // A fresh instance parses the file from scratch: a torn file throws or lacks a tail of entries.
            var survivor = new IniDriverRegistry(IniPath);
            for (var earlier = 0; earlier <= round; earlier++)
            {
                AssertWholeRun(survivor, $"k{earlier}.");
                Assert.Equal(earlier < round ? "ok.so" : null, survivor.GetValue(Section, $"after{earlier}"));
            }

            registry.SetValue(Section, $"after{round}", "ok.so");
            Assert.Equal("ok.so", new IniDriverRegistry(IniPath).GetValue(Section, $"after{round}"));
        }

        // The killed writers' temporary files, if any, went with the test's own writes.
        Assert.Equal(["system.ini", "system.ini.lock"], Directory.GetFileSystemEntries(directory.Path).Select(Path.GetFileName).Order());
    }

    // The writer sets prefix0, prefix1, ... in order, so a whole file holds an unbroken run of them from 0.
    private static void AssertWholeRun(IniDriverRegistry registry, string prefix)
    {
        var aliases = registry.GetAliases(Section).Where(alias => alias.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(aliases);
        for (var i = 0; i < aliases.Count; i++)
        {
            Assert.Equal($"{prefix}{i}", aliases[i]);
            Assert.Equal(RegistryWriterProcess.ValueFor(i), registry.GetValue(Section, aliases[i]));
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
