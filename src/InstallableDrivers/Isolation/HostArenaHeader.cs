using System.Runtime.InteropServices;

namespace InstallableDrivers.Isolation;

/// <summary>
/// The arena's header: the C# twin of <c>idh_header</c> (Native/isolation_channel.h), 64-byte aligned there, hence the
/// explicit size. The application writes it before the host starts and reads only <see cref="ModuleHandle"/> back.
/// IsolationChannelLayoutTests checks the two agree.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 576)]
internal unsafe struct HostArenaHeader
{
    public uint Magic;
    public uint Version;
    public ulong Size;
    public ulong Base;
    public uint HostState;
    public uint SlotCount;

    /// <summary>The host's handle of the loaded driver library.</summary>
    public ulong ModuleHandle;
    public uint Pump;
    public uint Reserved;
    public ulong SlotsOffset;
    public ulong HeapOffset;
    public fixed byte Error[512];
}
