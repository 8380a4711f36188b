namespace InstallableDrivers.Tests.Support;

/// <summary>
/// Opens and closes instances of a driver over and over while other threads keep sending, so closes race sends as
/// tightly as the machine allows. The driver itself judges what it received.
/// </summary>
internal static class CloseSendHammer
{
    /// <summary>
    /// Opens and closes instances <paramref name="closes"/> times, and on until <paramref name="enough"/> says so,
    /// handing each handle to <paramref name="publish"/> before closing it after a spin of up to
    /// <paramref name="maxSpin"/>, while <paramref name="senders"/> threads run <paramref name="send"/> in a loop with an
    /// instance that stays open throughout (so the module stays loaded).
    /// </summary>
    public static void Run(DriverManager manager, string path, int senders, Action<HDRVR> send, Action<nint> publish, int closes, int maxSpin, Func<bool>? enough = null)
    {
        var keepLoaded = manager.OpenDriver(path, null, 0);
        Assert.False(keepLoaded.IsNull);
        var stop = 0;
        var threads = Enumerable.Range(0, senders).Select(_ => new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                send(keepLoaded);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        try
        {
            for (var i = 0; i < closes || (enough is not null && !enough()); i++)
            {
                var h = manager.OpenDriver(path, null, 0);
                Assert.False(h.IsNull);
                publish(h.Value);
                Thread.SpinWait(i % maxSpin);
                Assert.Equal(1, manager.CloseDriver(h, 0, 0));
            }
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            threads.ForEach(t => t.Join());
            manager.CloseDriver(keepLoaded, 0, 0);
        }
    }

    /// <summary>Senders that send DRV_USER + 1 to whichever instance was published last.</summary>
    public static void RunAgainstLatest(DriverManager manager, string path, int senders, int closes, int maxSpin)
    {
        nint current = 0;
        Run(manager, path, senders,
            send: _ => manager.SendDriverMessage(new HDRVR(Volatile.Read(ref current)), DriverMessages.DRV_USER + 1, 1, 0),
            publish: h => Volatile.Write(ref current, h),
            closes, maxSpin);
    }
}
