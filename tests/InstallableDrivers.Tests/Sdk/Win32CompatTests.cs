using System.Runtime.InteropServices;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>sdk/include/win32: a Win32 driver that includes the Windows headers compiles unchanged off Windows.</summary>
public sealed class Win32CompatTests
{
    [NotOnWindowsFact]
    public unsafe void A_driver_including_windows_mmsystem_and_mmddk_compiles_unchanged_and_runs()
    {
        using var output = new TempDirectory();
        var source = output.File("classic.c");
        File.WriteAllText(source, """
            #include <windows.h>
            #include <mmsystem.h>
            #include <mmddk.h>

            LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
            {
                switch (msg) {
                case DRV_OPEN:
                    return 42;
                case DRV_USER + 1:
                    return (LRESULT)sizeof(DRVCONFIGINFO);
                default:
                    return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
                }
            }

            """);
        var driver = output.File(NativeToolchain.DriverFileName("classic"));
        NativeToolchain.CompileCleanly(NativeToolchain.DriverBuild(
            "c11", driver, "-I", Path.Combine(NativeToolchain.SdkInclude, "win32"), source));

        var library = NativeLibrary.Load(driver);
        try
        {
            var driverProc = (delegate* unmanaged<nuint, nint, uint, nint, nint, nint>)NativeLibrary.GetExport(library, "DriverProc");
            Assert.Equal(42, driverProc(0, 0x1000, DriverMessages.DRV_OPEN, 0, 0));
            Assert.Equal(Marshal.SizeOf<DRVCONFIGINFO>(), driverProc(42, 0x1000, DriverMessages.DRV_USER + 1, 0, 0));
            Assert.Equal(1, driverProc(0, 0x1000, DriverMessages.DRV_LOAD, 0, 0));
        }
        finally
        {
            NativeLibrary.Free(library);
        }
    }
}
