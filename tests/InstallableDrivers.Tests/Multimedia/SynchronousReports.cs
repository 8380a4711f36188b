namespace InstallableDrivers.Tests.Multimedia;

/// <summary>Collects progress reports as they are made (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
internal sealed class SynchronousReports(List<double> reports) : IProgress<double>
{
    public void Report(double value) => reports.Add(value);
}
