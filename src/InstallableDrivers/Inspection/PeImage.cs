using System.Reflection.PortableExecutable;
using System.Text;

namespace InstallableDrivers.Inspection;

/// <summary>
/// Reads a PE image without loading it: a .NET assembly (it has a CLI header) names its driver type in metadata; a
/// Windows DLL must be for this process's machine and export <c>DriverProc</c> by name from its export directory.
/// </summary>
internal static class PeImage
{
    /// <summary>True if the bytes start like a PE image (the MS-DOS stub's "MZ").</summary>
    /// <param name="start">The file's first bytes.</param>
    /// <returns>Whether they do.</returns>
    public static bool HasMagic(ReadOnlySpan<byte> start) => start.StartsWith("MZ"u8);

    /// <summary>Reads the image's kind and entry point, checking what can be checked without loading it.</summary>
    /// <param name="file">The open file, known to start with "MZ".</param>
    /// <param name="stream">The same file as a stream, positioned anywhere.</param>
    /// <returns>What the image is.</returns>
    /// <exception cref="DriverOpenException">With <see cref="DriverFailureReason.NotADriver"/> and what is wrong.</exception>
    public static DriverImage Read(ImageFile file, Stream stream)
    {
        try
        {
            using var reader = new PEReader(stream, PEStreamOptions.LeaveOpen | PEStreamOptions.PrefetchEntireImage);
            var headers = reader.PEHeaders;
            foreach (var section in headers.SectionHeaders)
            {
                file.RequireWithin(section.PointerToRawData, section.SizeOfRawData, $"section {section.Name}");
            }

            if (headers.CorHeader is not null)
            {
                return new DriverImage(DriverKind.Managed, ManagedDriverMetadata.DriverTypeName(file.Path, reader));
            }

            if (!OperatingSystem.IsWindows())
            {
                throw DriverFileErrors.NotADriver(file.Path, "it is a Windows DLL (a PE image), and this process loads ELF shared libraries");
            }

            CheckMachine(file, headers.CoffHeader.Machine);
            return HasExport(reader, DriverImage.DriverProcExport)
                ? new DriverImage(DriverKind.Native, DriverImage.DriverProcExport)
                : throw DriverFileErrors.NoDriverProc(file.Path);
        }
        catch (BadImageFormatException e)
        {
            throw DriverFileErrors.NotADriver(file.Path, $"it starts like a PE image but is not a valid one ({e.Message})", e);
        }
    }

    private static void CheckMachine(ImageFile file, Machine machine)
    {
        var expected = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => Machine.Amd64,
            System.Runtime.InteropServices.Architecture.X86 => Machine.I386,
            System.Runtime.InteropServices.Architecture.Arm64 => Machine.Arm64,
            _ => machine,
        };
        if (machine != expected)
        {
            throw DriverFileErrors.NotADriver(file.Path, $"built for {machine}; this process is {expected}");
        }
    }

    /// <summary>Looks a name up in the export directory's name table (IMAGE_EXPORT_DIRECTORY, PE format specification).</summary>
    private static bool HasExport(PEReader reader, string name)
    {
        var directory = reader.PEHeaders.PEHeader!.ExportTableDirectory;
        if (directory.Size == 0)
        {
            return false;
        }

        var exports = reader.GetSectionData(directory.RelativeVirtualAddress).GetReader();
        exports.Offset = 24;
        var nameCount = exports.ReadInt32();
        exports.Offset = 32;
        var namesAt = exports.ReadInt32();
        var wanted = Encoding.ASCII.GetBytes(name + "\0");
        var names = reader.GetSectionData(namesAt).GetReader();
        for (var i = 0; i < nameCount; i++)
        {
            var text = reader.GetSectionData(names.ReadInt32());
            if (text.Length >= wanted.Length && text.GetContent(0, wanted.Length).AsSpan().SequenceEqual(wanted))
            {
                return true;
            }
        }

        return false;
    }
}
