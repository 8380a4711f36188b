
namespace InstallableDrivers.Cli;

/// <summary>
/// Keeps every message a driver received, in the order the driver returned from them, with what its pointer parameters
/// pointed at (read while the message is observed, when the pointers are still valid).
/// </summary>
internal sealed class TraceRecorder : IDriverMessageObserver
{
    private readonly Lock sync = new();
    private readonly List<TracedMessage> records = [];

    public IReadOnlyList<TracedMessage> Records
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
        var (kind1, kind2) = DriverMessageParameters.Of(record.Message);
        var traced = new TracedMessage(record, DriverMessageParameters.Describe(kind1, record.LParam1), DriverMessageParameters.Describe(kind2, record.LParam2));
        lock (sync)
        {
            records.Add(traced);
        }
    }
}
