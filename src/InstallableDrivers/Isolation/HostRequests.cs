using InstallableDrivers.Native;

namespace InstallableDrivers.Isolation;

/// <summary>
/// Serves what a driver in a host process asks of the application — OpenDriver, CloseDriver, SendDriverMessage,
/// GetDriverModuleHandle, DriverCallback — as the host library does for a driver in process (<see cref="HostCalls"/>),
/// on the thread that waits for the call the driver asks from (so the request belongs to that call), or on the module's
/// pump thread for a thread of the driver's own. The request is read from the arena, which the host may have filled
/// with anything: strings must lie inside the slot's scratch area and end there, ops must be known, and nothing throws.
/// </summary>
internal static unsafe class HostRequests
{
    /// <summary>The answer to the request in a slot.</summary>
    public static long Serve(HostSlot* slot)
    {
        var a = slot->NestedArgs;
        try
        {
            return slot->NestedOp switch
            {
                HostChannel.OpOpen => ReadString(slot, a[0]) is { } name
                    ? HostCalls.Open(name, a[1] == 0 ? null : ReadString(slot, a[1]) ?? "", (nint)a[2])
                    : 0,
                HostChannel.OpClose => HostCalls.Close((nint)a[0], (nint)a[1], (nint)a[2]),
                HostChannel.OpSend => HostCalls.Send((nint)a[0], (uint)a[1], (nint)a[2], (nint)a[3]),
                HostChannel.OpModuleHandle => HostCalls.ModuleHandle((nint)a[0]),
                HostChannel.OpCallback => HostCalls.Callback((nuint)a[0], (uint)a[1], (nint)a[2], (uint)a[3], (nuint)a[4], (nuint)a[5], (nuint)a[6]) ? 1 : 0,
                _ => 0,
            };
        }
        catch (Exception)
        {
            // Whatever the application's side of a callback threw must not end the call the driver is waiting in.
            return 0;
        }
    }

    /// <summary>A NUL-terminated UTF-16 string wholly inside the slot's scratch area, or null.</summary>
    private static string? ReadString(HostSlot* slot, long address)
    {
        var scratch = (nint)slot->Scratch;
        var offset = address - scratch;
        if (address == 0 || offset < 0 || offset >= HostChannel.ScratchSize || offset % 2 != 0)
        {
            return null;
        }

        var units = new ReadOnlySpan<char>((void*)address, (int)(HostChannel.ScratchSize - offset) / 2);
        var end = units.IndexOf('\0');
        return end < 0 ? null : new string(units[..end]);
    }
}
