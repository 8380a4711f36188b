using System.Text;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// A driver in the native host loads a helper library with the Win32 subset's LoadLibrary (loaderdrv.c), as in process
/// (Sdk/Win32LibraryFunctionsTests): the host program exports the subset to what it loads.
/// </summary>
public sealed class IsolatedLibraryLoadingTests : IsolationTest
{
    private const nint ERROR_MOD_NOT_FOUND = 126;

    [Fact]
    public void A_driver_in_a_host_loads_calls_and_frees_a_helper_library()
    {
        using var driver = Manager.Open("loaderdrv");
        using var helper = PathInArena(driver, TestDrivers.PathOf("tracedrv"));
        using var missing = PathInArena(driver, TestDrivers.PathOf("no-such-helper"));
        Assert.Equal(47, driver.Send(DRV_USER + 1, helper.Address, 46));
        Assert.Equal(-ERROR_MOD_NOT_FOUND, driver.Send(DRV_USER + 1, missing.Address));
    }

    /// <summary>A UTF-8 path where the host can read it: a block of its arena.</summary>
    private static DriverSharedBuffer PathInArena(Driver driver, string path)
    {
        var buffer = driver.AllocateSharedBuffer(Encoding.UTF8.GetByteCount(path) + 1);
        Encoding.UTF8.GetBytes(path + "\0", buffer.Span);
        return buffer;
    }
}
