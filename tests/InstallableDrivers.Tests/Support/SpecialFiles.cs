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
    /// Unblocks a reader stuck opening a FIFO (what a regression would do) by opening it for writing once, so a failed
    /// test does not leave a thread or process waiting forever.
    /// </summary>
    public static void ReleaseFifoReaders(string path)
    {
        using var writer = new FileStream(path, FileMode.Open, FileAccess.Write);
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int mkfifo(string path, uint mode);
}
