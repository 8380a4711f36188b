using System.Runtime.InteropServices;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>
/// A native file is read and checked before it is loaded (issue #9, items 2 and 3): a truncated copy, a library for
/// another machine, and anything that is not a regular file fail with NotADriver and say why, instead of SIGBUS inside
/// dlopen, the linker's "No such file or directory", or a read that blocks forever.
/// </summary>
public sealed class DriverFileCheckTests : IDisposable
{
    private readonly string directory = TestDrivers.CreateTemporaryDirectory();
    private readonly DriverManager manager = TestDrivers.CreateManager();

    public void Dispose() => manager.Dispose();

    private string Copy(string name, Func<byte[], byte[]> change)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, change(File.ReadAllBytes(TestDrivers.PathOf("ctldrv"))));
        return path;
    }

    private DriverFailure OpenFails(string path)
    {
        Assert.Equal(HDRVR.Null, manager.OpenDriver(path, null, 0));
        var failure = DriverManager.LastError!;
        var e = Assert.Throws<DriverOpenException>(() => manager.Open(path));
        Assert.Equal(failure, e.ToFailure());
        return failure;
    }

    [NotOnWindowsTheory]
    [InlineData(40)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_truncated_copy_fails_with_NotADriver_and_says_it_is_truncated(int percent)
    {
        var path = Copy("truncated.so", bytes => bytes[..(bytes.Length * percent / 100)]);

        var failure = OpenFails(path);

        Assert.Equal(DriverFailureReason.NotADriver, failure.Reason);
        Assert.StartsWith($"'{path}' is not a driver: truncated: ", failure.Message, StringComparison.Ordinal);
        Assert.Equal(failure, Assert.Throws<DriverOpenException>(() => DriverFile.Inspect(path)).ToFailure());
    }

    [NotOnWindowsFact]
    public void A_file_that_passed_the_check_is_read_again_once_it_changes()
    {
        var path = Copy("changing.so", bytes => bytes);
        using (manager.Open(path))
        {
        }

        var whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        Assert.StartsWith($"'{path}' is not a driver: truncated: ", OpenFails(path).Message, StringComparison.Ordinal);
    }

    [NotOnWindowsFact]
    public void A_library_for_another_machine_names_both_machines()
    {
        // e_machine is the 16-bit field at offset 18 of the ELF header (little-endian here).
        var (other, otherName, thisName) = RuntimeInformation.ProcessArchitecture == Architecture.X64
            ? ((ushort)183, "aarch64", "x86-64")
            : ((ushort)62, "x86-64", RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "aarch64" : "?");
        var path = Copy("other-machine.so", bytes =>
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(18, 2), other);
            return bytes;
        });

        var failure = OpenFails(path);

        Assert.Equal(new DriverFailure(DriverFailureReason.NotADriver, $"'{path}' is not a driver: built for {otherName}; this process is {thisName}."), failure);
    }

    [NotOnWindowsFact]
    public void A_file_that_is_neither_ELF_nor_PE_is_not_a_driver()
    {
        var path = Path.Combine(directory, "text.so");
        File.WriteAllText(path, "#!/bin/sh\necho not a library\n");

        Assert.Equal(DriverFailureReason.NotADriver, OpenFails(path).Reason);
    }

    [NotOnWindowsFact]
    public void Inspect_and_GetKind_tell_by_reading_and_run_no_code_of_the_file()
    {
        // ctordrv and ctorlib create CTOR_MARKER from an ELF constructor, which runs only if the library is loaded.
        var marker = Path.Combine(directory, "constructor-ran");
        NativeEnvironment.Set("CTOR_MARKER", marker);
        try
        {
            var library = TestDrivers.PathOf("ctorlib");
            var e = Assert.Throws<DriverOpenException>(() => DriverFile.Inspect(library));
            Assert.Equal(new DriverFailure(DriverFailureReason.NotADriver, $"'{library}' is not a driver: it is a shared library but exports no 'DriverProc' function."), e.ToFailure());
            Assert.Equal((DriverKind.Native, "DriverProc"), (DriverFile.Inspect(TestDrivers.PathOf("ctordrv")) is var info ? (info.Kind, info.EntryPoint) : default));
            Assert.Equal(DriverKind.Native, DriverFile.GetKind(TestDrivers.PathOf("ctordrv")));
            Assert.False(File.Exists(marker), "looking at a library ran its constructor");

            // Opening is when its code runs.
            Assert.Equal(DriverFailureReason.NotADriver, OpenFails(library).Reason);
            Assert.False(File.Exists(marker), "a library refused before loading ran its constructor");
            using (manager.Open(TestDrivers.PathOf("ctordrv")))
            {
                Assert.True(File.Exists(marker));
            }
        }
        finally
        {
            NativeEnvironment.Set("CTOR_MARKER", "");
        }
    }

    [NotOnWindowsFact]
    public void Opening_a_fifo_is_refused_promptly()
    {
        var fifo = Path.Combine(directory, "fifo.so");
        SpecialFiles.MakeFifo(fifo);
        var failure = SpecialFiles.FinishesPromptly(fifo, () => OpenFails(fifo));

        Assert.Equal(new DriverFailure(DriverFailureReason.NotADriver, $"'{fifo}' is not a driver: it is a FIFO (named pipe), not a regular file."), failure);
    }

    [NotOnWindowsFact]
    public void A_device_a_socket_and_a_directory_are_refused_saying_what_they_are()
    {
        var socketPath = Path.Combine(directory, "socket.so");
        using var socket = SpecialFiles.MakeSocket(socketPath);
        foreach (var (path, what) in new[] { ("/dev/zero", "a character device"), (socketPath, "a socket"), (directory, "a directory") })
        {
            Assert.Equal(new DriverFailure(DriverFailureReason.NotADriver, $"'{path}' is not a driver: it is {what}, not a regular file."), OpenFails(path));
        }
    }

    [NotOnWindowsFact]
    public void An_alias_whose_file_is_a_fifo_fails_promptly_through_the_registry_too()
    {
        var fifo = Path.Combine(directory, "pipe.so");
        SpecialFiles.MakeFifo(fifo);
        var registry = new MemoryDriverRegistry();
        registry.SetValue("Drivers32", "pipe", fifo);
        using var aliased = TestDrivers.CreateManager(registry);

        Assert.Equal(HDRVR.Null, SpecialFiles.FinishesPromptly(fifo, () => aliased.OpenDriver("pipe", null, 0)));
    }
}
