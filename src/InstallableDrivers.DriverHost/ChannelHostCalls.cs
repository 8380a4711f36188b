using InstallableDrivers.Callbacks;
using InstallableDrivers.Isolation;

namespace InstallableDrivers.DriverHost;

/// <summary>
/// A .NET driver's OpenDriver, CloseDriver, SendDriverMessage and GetDriverModuleHandle (through <see cref="Drivers"/>),
/// asked of the application with the requests and arguments the native host's forwarders use (isolation_host.c), so
/// the application serves both hosts alike (Isolation/HostRequests): routed to the call that made them.
/// </summary>
internal sealed unsafe class ChannelHostCalls : IHostCallForwarder
{
    public nint Open(string driverName, string? sectionName, nint lParam)
    {
        var args = stackalloc long[] { 0, 0, lParam };
        fixed (char* name = driverName)
        fixed (char* section = sectionName)
        {
            return (nint)DotNetDriverHost.Ask(HostChannel.OpOpen, args, 3, name, section);
        }
    }

    public nint Close(nint handle, nint lParam1, nint lParam2)
    {
        var args = stackalloc long[] { handle, lParam1, lParam2 };
        return (nint)DotNetDriverHost.Ask(HostChannel.OpClose, args, 3);
    }

    public nint Send(nint handle, uint message, nint lParam1, nint lParam2)
    {
        var args = stackalloc long[] { handle, message, lParam1, lParam2 };
        return (nint)DotNetDriverHost.Ask(HostChannel.OpSend, args, 4);
    }

    public nint ModuleHandle(nint handle)
    {
        var args = stackalloc long[] { handle };
        return (nint)DotNetDriverHost.Ask(HostChannel.OpModuleHandle, args, 1);
    }
}
