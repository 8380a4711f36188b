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
    /// (a regression), the FIFO is opened for writing once to release it, so the failed test leaves no thread waiting.
    /// </summary>
    public static T FinishesPromptly<T>(string fifo, Func<T> action)
    {
        var task = Task.Run(action);
        try
        {
            Assert.True(task.Wait(TimeSpan.FromSeconds(10)), $"waited for a writer of the FIFO {fifo}");
        }
        finally
        {
            if (!task.IsCompleted)
            {
                using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            }
        }

        return task.Result;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int mkfifo(string path, uint mode);
}
