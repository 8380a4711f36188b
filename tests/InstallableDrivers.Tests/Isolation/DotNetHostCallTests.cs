using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// A .NET driver's calls back into its host through <see cref="Drivers"/> (ManagedHostCallDriver): OpenDriver,
/// SendDriverMessage, CloseDriver and GetDriverModuleHandle of aliases of the application's registry, from inside its
/// messages, nested, and from a thread of its own. Run in the .NET host they reach the application's manager over the
/// channel; the answers are those the same driver gives in process, under a manager that is not the default one.
/// </summary>
public sealed class DotNetHostCallTests : IsolationTest
{
    private readonly DriverManager isolated;
    private readonly DriverManager inProcess;

    public DotNetHostCallTests()
    {
        var registry = new MemoryDriverRegistry();
        registry.SetValue("Drivers32", "hostcall.net", "ManagedHostCallDriver.dll");
        registry.SetValue("Drivers32", "hostcall.native", "hostcalldrv");
        isolated = CreateManager(Loader, registry);
        inProcess = TestDrivers.CreateManager(registry);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Opens_sends_and_closes_from_inside_a_message_answer_as_in_process_at_any_depth(int depth)
        => AssertBothAnswer(42 + depth, DRV_USER + 1, depth); // each level opens, sends to and closes an instance of its own

    [Fact]
    public void GetDriverModuleHandle_answers_the_application_manager_handle_of_the_module()
    {
        foreach (var manager in new[] { inProcess, isolated })
        {
            // Kept open, so the module the driver opens is this one and its handle stays what the application sees.
            using var native = manager.Open("hostcall.native");
            using var driver = manager.Open("hostcall.net");
            Assert.NotEqual(0, native.ModuleHandle);
            Assert.Equal(native.ModuleHandle, driver.Send(DRV_USER + 2));
        }
    }

    [Fact]
    public void A_thread_of_the_driver_own_sends_to_and_closes_an_instance_it_opened_in_a_message() => AssertBothAnswer(42, DRV_USER + 3);

    [Fact]
    public void An_alias_that_does_not_exist_and_a_handle_no_one_issued_answer_0_in_the_driver() => AssertBothAnswer(1, DRV_USER + 4);

    /// <summary>The driver answers a message the same in process and in its host.</summary>
    private void AssertBothAnswer(nint expected, uint message, nint lParam1 = 0)
    {
        using var local = inProcess.Open("hostcall.net");
        using var inside = isolated.Open("hostcall.net");
        Assert.Equal(expected, local.Send(message, lParam1));
        Assert.Equal(expected, inside.Send(message, lParam1));
    }

    public override void Dispose()
    {
        isolated.Dispose();
        inProcess.Dispose();
        base.Dispose();
    }
}
