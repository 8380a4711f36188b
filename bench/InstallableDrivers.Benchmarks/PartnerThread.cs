namespace InstallableDrivers.Benchmarks;

/// <summary>
/// A second thread kept for the life of a benchmark, so that timing two threads at work does not time starting one.
/// </summary>
internal sealed class PartnerThread : IDisposable
{
    // The most a ManualResetEventSlim spins before it blocks: between two back-to-back runs the partner should still be
    // spinning, so a run's hand-over costs a cache miss rather than a wake-up.
    private const int SpinCount = 2047;

    private readonly ManualResetEventSlim start = new(false, SpinCount);
    private readonly ManualResetEventSlim done = new(false, SpinCount);
    private readonly Action work;
    private readonly Thread thread;
    private volatile bool stopping;

    /// <param name="work">What the partner runs each time <see cref="RunWith"/> is called.</param>
    public PartnerThread(Action work)
    {
        this.work = work;
        thread = new Thread(Loop) { IsBackground = true, Name = "benchmark partner" };
        thread.Start();
    }

    /// <summary>Runs the partner's work and <paramref name="mine"/> at once, and returns when both are done.</summary>
    public void RunWith(Action mine)
    {
        start.Set();
        mine();
        done.Wait();
        done.Reset();
    }

    public void Dispose()
    {
        stopping = true;
        start.Set();
        thread.Join();
        start.Dispose();
        done.Dispose();
    }

    private void Loop()
    {
        while (true)
        {
            start.Wait();
            start.Reset();
            if (stopping)
            {
                return;
            }

            work();
            done.Set();
        }
    }
}
