namespace InstallableDrivers.Multimedia.Wave.Isolation;

/// <summary>One open instance of a wave driver that runs in a host process, with the proxies of its entry points.</summary>
internal sealed class IsolatedWaveInstance(HDRVR handle, IsolatedWaveEntryPoint? output, IsolatedWaveEntryPoint? input)
{
    public HDRVR Handle { get; } = handle;

    /// <summary>The proxy of a direction's export, or null when the driver has none.</summary>
    public IsolatedWaveEntryPoint? EntryPoint(WaveDirection direction) => direction == WaveDirection.Output ? output : input;
}
