using System.Runtime.InteropServices;

namespace InstallableDrivers.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into a cancellation while a command plays or records, so that the command stops
/// the device cleanly (reset, unprepare, close) and keeps its output valid, instead of the process dying mid-buffer.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;

    public StopSignal()
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => stop.Token;

    public bool Stopped => stop.IsCancellationRequested;

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the process goes on and cleans up; the command returns ExitCode.Interrupted
        stop.Cancel();
    }
}
