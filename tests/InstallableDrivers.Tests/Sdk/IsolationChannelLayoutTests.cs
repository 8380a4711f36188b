using InstallableDrivers.Isolation;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>The isolation channel's arena header and call slot in C (isolation_channel.h) and their C# twins agree field by field.</summary>
public sealed class IsolationChannelLayoutTests
{
    private static readonly string NativeDirectory = Path.Combine(NativeToolchain.RepositoryRoot, "src", "InstallableDrivers", "Native");

    [Fact]
    public void The_arena_header_has_the_same_size_and_field_offsets_in_C_and_CSharp() =>
        EntryPointTableLayout.AssertMatches<HostArenaHeader>("isolation_channel.h", "idh_header",
            [("magic", "Magic"), ("version", "Version"), ("size", "Size"), ("base", "Base"), ("host_state", "HostState"),
             ("slot_count", "SlotCount"), ("module_handle", "ModuleHandle"), ("pump", "Pump"), ("reserved", "Reserved"),
             ("slots_offset", "SlotsOffset"), ("heap_offset", "HeapOffset"), ("error", "Error")],
            NativeDirectory);

    [Fact]
    public void A_call_slot_has_the_same_size_and_field_offsets_in_C_and_CSharp() =>
        EntryPointTableLayout.AssertMatches<HostSlot>("isolation_channel.h", "idh_slot",
            [("state", "State"), ("owner", "Owner"), ("thread_started", "ThreadStarted"), ("op", "Op"), ("args", "Args"),
             ("result", "Result"), ("nested_op", "NestedOp"), ("reserved", "Reserved"), ("nested_args", "NestedArgs"),
             ("nested_result", "NestedResult"), ("scratch", "Scratch")],
            NativeDirectory);
}
