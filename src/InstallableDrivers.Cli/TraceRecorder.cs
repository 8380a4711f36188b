
namespace InstallableDrivers.Cli;

/// <summary>Keeps every message a driver received, in the order the driver returned from them.</summary>
internal sealed class TraceRecorder : IDriverMessageObserver
{
    private readonly Lock sync = new();
    private readonly List<DriverMessageRecord> records = [];

    public IReadOnlyList<DriverMessageRecord> Records
    {
        get
        {
            lock (sync)
            {
                return [.. records];
            }
        }
    }

    public void OnMessage(in DriverMessageRecord record)
    {
        lock (sync)
        {
            records.Add(record);
        }
    }
}
