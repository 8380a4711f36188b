using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// A copy of crashdrv.c's driver named for a fault and the message it strikes in ("crashdrv-segv-open.so"), in a folder
/// of its own, armed once: the first host that reaches that message faults, later ones run normally.
/// </summary>
internal sealed class CrashingDriver
{
    public CrashingDriver(string fault, string message)
    {
        Path = TestDrivers.CopyToTemporaryDirectory("crashdrv", $"crashdrv-{fault}-{message}.so");
        Arm();
    }

    /// <summary>The full path of the copy.</summary>
    public string Path { get; }

    /// <summary>Makes the next host that reaches the message fault.</summary>
    public void Arm() => File.WriteAllText(Path + ".armed", "");

    /// <summary>True until a host faulted (the driver deletes the file as it faults).</summary>
    public bool IsArmed => File.Exists(Path + ".armed");
}
