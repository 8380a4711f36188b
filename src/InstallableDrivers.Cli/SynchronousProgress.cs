namespace InstallableDrivers.Cli;

/// <summary>
/// Reports progress on the reporting thread, at once. (<see cref="Progress{T}"/> posts each report to the thread pool,
/// so the last ones could arrive after the work, and the progress bar, had finished.)
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
