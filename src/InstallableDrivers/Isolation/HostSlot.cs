using System.Runtime.InteropServices;

namespace InstallableDrivers.Isolation;

/// <summary>
/// One call slot of the shared arena: the C# twin of <c>idh_slot</c> (Native/isolation_channel.h), 64-byte aligned
/// there, hence the explicit size. IsolationChannelLayoutTests checks the two agree.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 4288)]
internal unsafe struct HostSlot
{
    public uint State;
    public uint Owner;
    public uint ThreadStarted;

    /// <summary>The application's request.</summary>
    public uint Op;

    /// <summary>DriverProc's arguments: driver id, hdrvr, message, lParam1, lParam2.</summary>
    public fixed long Args[7];

    /// <summary>The host's answer.</summary>
    public long Result;

    /// <summary>The host's request of the application.</summary>
    public uint NestedOp;
    public uint Reserved;
    public fixed long NestedArgs[7];

    /// <summary>The application's answer to it.</summary>
    public long NestedResult;

    /// <summary>The strings of the host's request.</summary>
    public fixed byte Scratch[HostChannel.ScratchSize];
}
