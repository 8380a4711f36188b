using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using NAudio;
using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// CALLBACK_FUNCTION as NAudio 2.2.1 uses it. Its WaveOut class with a function callback (what
/// <c>WaveCallbackInfo.FunctionCallback()</c> chooses, and what <c>new WaveOut()</c> takes on a thread without a
/// SynchronizationContext) lives in NAudio.WinForms, which our package source does not hold and which targets Windows.
/// That class is built from public NAudio.WinMM 2.2.1 parts: waveOutOpen with a <see cref="WaveInterop.WaveCallback"/>
/// delegate and CALLBACK_FUNCTION, and <see cref="WaveOutBuffer"/>s the callback refills inside WOM_DONE (waveOutWrite
/// from the callback, on the driver's thread). The test drives those parts the way that class does.
/// </summary>
[Collection(NAudioCollection.Name)]
public sealed class FunctionCallbackTests(WaveFileDevices devices)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void A_WaveCallback_delegate_refilling_its_buffers_in_WOM_DONE_plays_the_file_to_the_end()
    {
        var messages = new ConcurrentQueue<WaveInterop.WaveMessage>();
        var waveOutLock = new object();
        var inFlight = 0;
        var done = 0;
        Exception? failure = null;
        using var finished = new ManualResetEventSlim();

        var played = devices.PlayedData(WaveFileDevices.Realtime, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            WaveInterop.WaveCallback callback = (_, message, _, header, _) =>
            {
                messages.Enqueue(message);
                if (message != WaveInterop.WaveMessage.WaveOutDone)
                {
                    return;
                }

                Interlocked.Increment(ref done);
                var buffer = (WaveOutBuffer)GCHandle.FromIntPtr(header.userData).Target!;
                try
                {
                    lock (waveOutLock)
                    {
                        if (!buffer.OnDone() && Interlocked.Decrement(ref inFlight) == 0)
                        {
                            finished.Set();
                        }
                    }
                }
#pragma warning disable CA1031 // The test reports it; an exception must not unwind into the driver's thread.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = e;
                    finished.Set();
                }
            };

            Assert.Equal(MmResult.NoError, WaveInterop.waveOutOpen(out var handle, WaveFileDevices.Realtime, reader.WaveFormat, callback, IntPtr.Zero,
                WaveInterop.WaveInOutOpenFlags.CallbackFunction));
            var buffers = Enumerable.Range(0, 3).Select(_ => new WaveOutBuffer(handle, reader.WaveFormat.AverageBytesPerSecond / 10, reader, waveOutLock)).ToList();
            lock (waveOutLock)
            {
                foreach (var buffer in buffers)
                {
                    inFlight++;
                    if (!buffer.OnDone())
                    {
                        inFlight--;
                    }
                }
            }

            Assert.True(finished.Wait(Patience), $"the last buffer did not come back ({done} WOM_DONE)");
            Assert.Equal(MmResult.NoError, WaveInterop.waveOutReset(handle));
            buffers.ForEach(buffer => buffer.Dispose());
            Assert.Equal(MmResult.NoError, WaveInterop.waveOutClose(handle));
            GC.KeepAlive(callback);
        });

        Assert.Null(failure);
        // Whole buffers of a tenth of a second: the file, then the silence that pads the last buffer.
        Assert.Equal(devices.InputData, played.AsSpan(0, devices.InputData.Length).ToArray());
        Assert.All(played.Skip(devices.InputData.Length), b => Assert.Equal(0, b));
        var tenth = devices.Format.AverageBytesPerSecond / 10;
        Assert.Equal((devices.InputData.Length + tenth - 1) / tenth, done);
        Assert.Equal(
            [WaveInterop.WaveMessage.WaveOutOpen, .. Enumerable.Repeat(WaveInterop.WaveMessage.WaveOutDone, done), WaveInterop.WaveMessage.WaveOutClose],
            messages.ToArray());
    }
}
