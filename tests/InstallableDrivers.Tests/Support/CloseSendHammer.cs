namespace InstallableDrivers.Tests.Support;

/// <summary>
/// Opens and closes instances of a driver over and over while other threads keep sending to whichever instance is
/// current, so closes race sends as tightly as the machine allows. The driver itself judges what it received.
/// </summary>
internal static class CloseSendHammer
{
    public static void Run(DriverManager manager, string path, int senderCount, int cycles, int maxSpin)
    {
        nint current = 0;
        var stop = 0;
        var senders = Enumerable.Range(0, senderCount).Select(_ => new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                manager.SendDriverMessage(new HDRVR(Volatile.Read(ref current)), DriverMessages.DRV_USER + 1, 1, 0);
            }
        })).ToList();
        senders.ForEach(t => t.Start());
        try
        {
            for (var i = 0; i < cycles; i++)
            {
                var h = manager.OpenDriver(path, null, 0);
                Assert.False(h.IsNull);
                Volatile.Write(ref current, h.Value);
                Thread.SpinWait(i % maxSpin);
                Assert.Equal(1, manager.CloseDriver(h, 0, 0));
            }
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            senders.ForEach(t => t.Join());
        }
    }
}
