using InstallableDrivers.Files;

namespace InstallableDrivers.Inspection;

/// <summary>
/// What a driver file is, told by reading it and never by loading it: no ELF constructor, DllMain or module
/// initializer runs. Only a regular file is opened, so a FIFO, device or socket is refused at once instead of blocking.
/// The file is read again when a driver is opened, just before it is loaded; this guards against accidents (a partial
/// copy, a library for another machine), not against someone who can write the file, who can run code in it anyway.
/// </summary>
/// <param name="Kind">Native or .NET.</param>
/// <param name="EntryPoint"><see cref="DriverProcExport"/>, or the .NET driver type's full name.</param>
internal sealed record DriverImage(DriverKind Kind, string EntryPoint)
{
    /// <summary>The export every native installable driver has.</summary>
    public const string DriverProcExport = "DriverProc";

    /// <summary>Reads the driver file at a full path.</summary>
    /// <param name="fullPath">A full path.</param>
    /// <returns>What the file is.</returns>
    /// <exception cref="DriverOpenException">The file is missing (<see cref="DriverFailureReason.FileNotFound"/>), may not be read
    /// (<see cref="DriverFailureReason.AccessDenied"/>), or is not a driver this process can load (<see cref="DriverFailureReason.NotADriver"/>).</exception>
    public static DriverImage Read(string fullPath)
    {
        using var handle = OpenRegularFile(fullPath);
        var file = new ImageFile(handle, fullPath);
        var start = file.Read(0, Math.Min(file.Length, 4), "the file's first bytes");
        if (ElfImage.HasMagic(start))
        {
            if (OperatingSystem.IsWindows())
            {
                throw DriverFileErrors.NotADriver(fullPath, "it is an ELF shared library, and this process loads Windows DLLs");
            }

            ElfImage.Check(file);
            return new DriverImage(DriverKind.Native, DriverProcExport);
        }

        if (PeImage.HasMagic(start))
        {
            using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            return PeImage.Read(file, stream);
        }

        if (IsMachO(start))
        {
            // Mach-O is not read: on macOS the loader tells whether DriverProc is there when the driver is opened.
            return OperatingSystem.IsMacOS()
                ? new DriverImage(DriverKind.Native, DriverProcExport)
                : throw DriverFileErrors.NotADriver(fullPath, "it is a macOS (Mach-O) library");
        }

        throw DriverFileErrors.NotADriver(fullPath, "it is neither an ELF shared library nor a PE image (a DLL or .NET assembly)");
    }

    /// <summary>Tells the kind only: a PE image with a CLI header is .NET, anything else native.</summary>
    /// <param name="fullPath">A full path.</param>
    /// <returns>The kind.</returns>
    /// <exception cref="DriverOpenException">The file is missing, may not be read, or is not a regular file.</exception>
    public static DriverKind KindOf(string fullPath)
    {
        using var stream = new FileStream(OpenRegularFile(fullPath), FileAccess.Read, bufferSize: 0);
        Span<byte> start = stackalloc byte[2];
        if (stream.Read(start) < 2 || !PeImage.HasMagic(start))
        {
            return DriverKind.Native;
        }

        stream.Position = 0;
        try
        {
            using var reader = new System.Reflection.PortableExecutable.PEReader(stream, System.Reflection.PortableExecutable.PEStreamOptions.LeaveOpen);
            return reader.PEHeaders.CorHeader is not null ? DriverKind.Managed : DriverKind.Native;
        }
        catch (BadImageFormatException)
        {
            return DriverKind.Native;
        }
    }

    /// <summary>The Mach-O magic numbers, 32- and 64-bit and universal, in either byte order.</summary>
    private static bool IsMachO(ReadOnlySpan<byte> start) => start.Length == 4
        && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(start) is 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE or 0xCAFEBABE;

    /// <summary>Opens a file for reading only if it is a regular file.</summary>
    private static Microsoft.Win32.SafeHandles.SafeFileHandle OpenRegularFile(string fullPath)
    {
        var type = FileNodes.TypeOf(fullPath);
        if (type == FileNodeType.Missing)
        {
            throw DriverFileErrors.FileNotFound(fullPath);
        }

        if (type != FileNodeType.RegularFile)
        {
            throw DriverFileErrors.NotARegularFile(fullPath, type);
        }

        try
        {
            return File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (UnauthorizedAccessException e)
        {
            throw DriverFileErrors.AccessDenied(fullPath, e);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw DriverFileErrors.FileNotFound(fullPath);
        }
        catch (IOException e)
        {
            throw DriverFileErrors.NotADriver(fullPath, $"it could not be read ({e.Message})", e);
        }
    }
}
