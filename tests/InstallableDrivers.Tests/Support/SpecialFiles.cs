using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace InstallableDrivers.Tests.Support;

/// <summary>Files that are not regular files, made where a driver or a registry file is expected.</summary>
internal static partial class SpecialFiles
{
    /// <summary>Makes a FIFO (named pipe): opening it for reading waits for a writer.</summary>
    public static void MakeFifo(string path)
    {
        if (mkfifo(path, Convert.ToUInt32("600", 8)) != 0)
        {
            throw new IOException($"mkfifo({path}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Makes a Unix domain socket file; the returned socket keeps it bound until disposed.</summary>
    public static Socket MakeSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    /// <summary>
    /// Runs something that must not wait for a FIFO's writer and asserts it finished within ten seconds. If it did not
    /// (a regression), the FIFO is opened for writing without blocking until it finishes, each open releasing the readers
    /// waiting then, so the failed test leaves no thread waiting.
    /// </summary>
    public static T FinishesPromptly<T>(string fifo, Func<T> action)
    {
        var task = Task.Run(action);
        var finished = task.Wait(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 1000 && !task.IsCompleted; i++)
        {
            // O_NONBLOCK: fails at once (ENXIO) while no reader waits, instead of waiting for one.
            var fd = open(fifo, WriteOnly | NonBlocking);
            if (fd >= 0)
            {
                _ = close(fd);
            }

            Thread.Sleep(10);
        }

        Assert.True(finished, $"waited for a writer of the FIFO {fifo}");
        return task.Result;
    }

    private const int WriteOnly = 0x1, NonBlocking = 0x800;

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc")]
    private static partial int close(int fd);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int mkfifo(string path, uint mode);
}
