using System.Runtime.InteropServices;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>The typed .NET driver layer, through the managed sample (samples/ManagedDriver/ToneGenerator.cs).</summary>
public sealed unsafe class TypedDriverTests : IDisposable
{
    private const uint SetFrequency = DRV_USER + 1, Render = DRV_USER + 2;

    private readonly MemoryDriverRegistry registry = new();
    private readonly DriverManager manager;

    public TypedDriverTests()
    {
        registry.SetValue("Drivers32", "wave.cs", "ToneGenerator.dll freq=1000 rate=8000");
        registry.SetValue("Drivers32", "wave.bad", "ToneGenerator.dll freq=loud");
        manager = TestDrivers.CreateManager(registry);
    }

    public void Dispose() => manager.Dispose();

    [Fact]
    public void Each_instance_gets_its_own_state_from_its_args()
    {
        using var a = manager.Open("wave.cs");
        using var b = manager.Open("ToneGenerator");
        Assert.Equal(1000, a.Send(SetFrequency, 500));
        Assert.Equal(440, b.Send(SetFrequency, 880));
        Assert.Equal(500, a.Send(SetFrequency, 600));
    }

    [Fact]
    public void Render_writes_a_continuous_sine()
    {
        using var driver = manager.Open("wave.cs");
        var first = new short[4];
        var second = new short[4];
        fixed (short* p = first)
        {
            Assert.Equal(4, driver.Send(Render, (nint)p, first.Length));
        }

        fixed (short* p = second)
        {
            Assert.Equal(4, driver.Send(Render, (nint)p, second.Length));
        }

        // 1000 Hz at 8000 samples/s: eight samples per period, continuing across calls.
        Assert.Equal([0, 23170, 32767, 23170], first);
        Assert.Equal([0, -23170, -32767, -23170], second);
    }

    [Fact]
    public void Configure_receives_section_and_alias_from_DRVCONFIGINFO()
    {
        using var driver = manager.Open("wave.cs");
        Assert.Equal(1, driver.Send(DRV_QUERYCONFIGURE));
        var section = Marshal.StringToHGlobalUni("Drivers32");
        var alias = Marshal.StringToHGlobalUni("wave.cs");
        var output = new StringWriter();
        var previous = Console.Error;
        try
        {
            Console.SetError(output);
            var info = new DRVCONFIGINFO { dwDCISize = (uint)sizeof(DRVCONFIGINFO), lpszDCISectionName = section, lpszDCIAliasName = alias };
            Assert.Equal(DRVCNF_OK, driver.Send(DRV_CONFIGURE, 0, (nint)(&info)));
        }
        finally
        {
            Console.SetError(previous);
            Marshal.FreeHGlobal(section);
            Marshal.FreeHGlobal(alias);
        }

        Assert.Contains(@"Drivers32\wave.cs", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unhandled_messages_get_DefDriverProcs_answers_and_bad_args_refuse_the_open()
    {
        using var driver = manager.Open("wave.cs");
        Assert.Equal(1, driver.Send(DRV_INSTALL));
        Assert.Equal(1, driver.Send(DRV_REMOVE));
        Assert.Equal(0, driver.Send(DRV_POWER));
        Assert.Equal(0, driver.Send(DRV_USER + 50));
        Assert.Equal(0, driver.Send(DRV_EXITSESSION));

        var e = Assert.Throws<DriverOpenException>(() => manager.Open("wave.bad"));
        Assert.Equal(DriverFailureReason.OpenRefused, e.Reason);
    }

    [Fact]
    public void Instance_ids_are_reused_after_close_without_mixing_state()
    {
        var first = manager.Open("wave.cs");
        first.Send(SetFrequency, 123);
        first.Dispose();
        using var second = manager.Open("wave.cs");
        Assert.Equal(1000, second.Send(SetFrequency, 200));
    }
}
