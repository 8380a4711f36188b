using System.Runtime.InteropServices;
using System.Text;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>
/// LoadLibrary, GetProcAddress and FreeLibrary of the Win32 subset (Native/win32_subset.c), called through the host
/// library's exports as a P/Invoke caller calls them, and from a driver written against the stand-in headers
/// (loaderdrv.c). Each test loads its own copy of the trace driver, so that no other test's mapping of it is touched.
/// </summary>
public sealed unsafe class Win32LibraryFunctionsTests
{
    private const uint ERROR_INVALID_HANDLE = 6;
    private const uint ERROR_INVALID_PARAMETER = 87;
    private const uint ERROR_MOD_NOT_FOUND = 126;
    private const uint ERROR_PROC_NOT_FOUND = 127;
    private const uint ERROR_BAD_EXE_FORMAT = 193;

    private static readonly delegate* unmanaged<byte*, nint> LoadLibraryA = (delegate* unmanaged<byte*, nint>)HostLibraryExports.Get(nameof(LoadLibraryA));
    private static readonly delegate* unmanaged<char*, nint> LoadLibraryW = (delegate* unmanaged<char*, nint>)HostLibraryExports.Get(nameof(LoadLibraryW));
    private static readonly delegate* unmanaged<byte*, nint> LoadLibrary = (delegate* unmanaged<byte*, nint>)HostLibraryExports.Get(nameof(LoadLibrary));
    private static readonly delegate* unmanaged<nint, byte*, nint> GetProcAddress = (delegate* unmanaged<nint, byte*, nint>)HostLibraryExports.Get(nameof(GetProcAddress));
    private static readonly delegate* unmanaged<nint, int> FreeLibrary = (delegate* unmanaged<nint, int>)HostLibraryExports.Get(nameof(FreeLibrary));
    private static readonly delegate* unmanaged<uint> GetLastError = (delegate* unmanaged<uint>)HostLibraryExports.Get(nameof(GetLastError));
    private static readonly delegate* unmanaged<uint, void> SetLastError = (delegate* unmanaged<uint, void>)HostLibraryExports.Get(nameof(SetLastError));

    [NotOnWindowsFact]
    public void LoadLibrary_loads_a_file_once_GetProcAddress_finds_its_export_and_the_last_FreeLibrary_unloads_it()
    {
        var file = TestDrivers.CopyToTemporaryDirectory("tracedrv");
        var first = Load(LoadLibraryA, file);
        var second = Load(LoadLibrary, file);
        var wide = LoadWide(file);
        Assert.NotEqual(0, first);
        Assert.Equal(first, second);
        Assert.Equal(first, wide);

        // The address the system's own loader finds for the same file, and a call through it works.
        var proc = Find(first, "DriverProc");
        var system = NativeLibrary.Load(file);
        Assert.Equal(NativeLibrary.GetExport(system, "DriverProc"), proc);
        NativeLibrary.Free(system);
        Assert.Equal(42, ((delegate* unmanaged<nuint, nint, uint, nint, nint, nint>)proc)(0, 0, DRV_USER + 1, 40, 2));

        Assert.Equal(1, FreeLibrary(first));
        Assert.Equal(1, FreeLibrary(second));
        Assert.True(TestDrivers.IsMapped(file));
        Assert.Equal(1, FreeLibrary(wide));
        Assert.False(TestDrivers.IsMapped(file));
    }

    [NotOnWindowsFact]
    public void GetProcAddress_of_a_name_the_module_does_not_export_fails_with_ERROR_PROC_NOT_FOUND()
    {
        var file = TestDrivers.CopyToTemporaryDirectory("tracedrv");
        var library = Load(LoadLibraryA, file);
        try
        {
            foreach (var name in new[] { "NoSuchFunction", "malloc" })
            {
                // malloc is the C library's, which the module depends on but does not export: Windows does not find it either.
                SetLastError(0);
                Assert.Equal(0, Find(library, name));
                Assert.Equal(ERROR_PROC_NOT_FOUND, GetLastError());
            }

            SetLastError(0);
            Assert.Equal(0, GetProcAddress(library, (byte*)1)); // an ordinal: ELF libraries have none
            Assert.Equal(ERROR_PROC_NOT_FOUND, GetLastError());
            SetLastError(0);
            Assert.Equal(0, Find(0, "DriverProc"));
            Assert.Equal(ERROR_INVALID_HANDLE, GetLastError());
        }
        finally
        {
            Assert.Equal(1, FreeLibrary(library));
        }
    }

    [NotOnWindowsFact]
    public void A_file_that_cannot_be_loaded_gives_NULL_and_the_error_that_says_why()
    {
        var directory = TestDrivers.CreateTemporaryDirectory();
        var text = Path.Combine(directory, "notes.so");
        File.WriteAllText(text, "not a library");

        AssertLoadFails(Path.Combine(directory, "missing.so"), ERROR_MOD_NOT_FOUND);
        AssertLoadFails(text, ERROR_BAD_EXE_FORMAT);
        // unresolveddrv calls DialogBoxParamW, which nothing provides: bound at load, so the load fails, not the call.
        AssertLoadFails(TestDrivers.PathOf("unresolveddrv"), ERROR_PROC_NOT_FOUND);
        AssertLoadFails("", ERROR_INVALID_PARAMETER);
        SetLastError(0);
        Assert.Equal(0, LoadLibraryA(null));
        Assert.Equal(ERROR_INVALID_PARAMETER, GetLastError());
        SetLastError(0);
        Assert.Equal(0, FreeLibrary(0));
        Assert.Equal(ERROR_INVALID_HANDLE, GetLastError());
    }

    [NotOnWindowsFact]
    public void A_bare_name_is_not_looked_for_in_the_current_directory_but_a_relative_path_is()
    {
        var name = $"cwd-only-{Guid.NewGuid():N}.so";
        var file = Path.Combine(Environment.CurrentDirectory, name);
        File.Copy(TestDrivers.PathOf("tracedrv"), file);
        try
        {
            AssertLoadFails(name, ERROR_MOD_NOT_FOUND);
            var library = Load(LoadLibraryA, "./" + name);
            Assert.NotEqual(0, library);
            Assert.Equal(1, FreeLibrary(library));

            // A bare name is found where the system keeps its libraries.
            var c = Load(LoadLibraryA, "libc.so.6");
            Assert.NotEqual(0, Find(c, "malloc"));
            Assert.Equal(1, FreeLibrary(c));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [NotOnWindowsFact]
    public void A_driver_loads_a_helper_library_calls_it_and_frees_it()
    {
        // loaderdrv.c is built against the stand-in winbase.h and resolves LoadLibrary & co. against the host library.
        using var manager = TestDrivers.CreateManager();
        using var driver = manager.Open("loaderdrv");
        var helper = TestDrivers.CopyToTemporaryDirectory("tracedrv");
        var path = Marshal.StringToCoTaskMemUTF8(helper);
        var missing = Marshal.StringToCoTaskMemUTF8(helper + ".missing");
        var name = Marshal.StringToCoTaskMemUTF8("NoSuchFunction");
        try
        {
            Assert.Equal(47, driver.Send(DRV_USER + 1, path, 46));
            Assert.False(TestDrivers.IsMapped(helper));
            Assert.Equal(-(nint)ERROR_MOD_NOT_FOUND, driver.Send(DRV_USER + 1, missing, 0));
            Assert.Equal(-(nint)ERROR_PROC_NOT_FOUND, driver.Send(DRV_USER + 2, path, name));
        }
        finally
        {
            Marshal.FreeCoTaskMem(path);
            Marshal.FreeCoTaskMem(missing);
            Marshal.FreeCoTaskMem(name);
        }
    }

    private static nint Load(delegate* unmanaged<byte*, nint> load, string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* name = bytes)
        {
            return load(name);
        }
    }

    private static nint LoadWide(string path)
    {
        fixed (char* name = path)
        {
            return LoadLibraryW(name);
        }
    }

    private static nint Find(nint library, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* text = bytes)
        {
            return GetProcAddress(library, text);
        }
    }

    private static void AssertLoadFails(string path, uint error)
    {
        SetLastError(0);
        Assert.Equal(0, Load(LoadLibraryA, path));
        Assert.Equal(error, GetLastError());
    }
}
