namespace InstallableDrivers.Tests.Multimedia;

/// <summary>A call running on a dedicated thread (as a driver's thread makes calls), and its result once it returns.</summary>
internal sealed class ThreadResult<T>
{
    private T? result;
    private Exception? failure;

    public ThreadResult(Func<T> call)
    {
        Thread = new Thread(() =>
        {
            try
            {
                result = call();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true };
        Thread.Start();
    }

    public Thread Thread { get; }

    /// <summary>Waits up to ten seconds for the call; fails the test if it has not returned, rethrows what it threw.</summary>
    public T Result()
    {
        Assert.True(Thread.Join(TimeSpan.FromSeconds(10)), "the call did not return");
        return failure is null ? result! : throw new InvalidOperationException("the call failed", failure);
    }
}
