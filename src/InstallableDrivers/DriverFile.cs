using System.Security.Cryptography;
using InstallableDrivers.Inspection;

namespace InstallableDrivers;

/// <summary>
/// Looks at a driver file without opening a driver instance: its kind, its entry point, its hash. It reads the file and
/// never loads it, so none of the driver's code runs (not even an ELF constructor or a .NET module initializer).
/// </summary>
public static class DriverFile
{
    /// <summary>Tells a .NET assembly from a native library by the file's content (a PE image with a CLI header is .NET).</summary>
    /// <param name="filePath">The file.</param>
    /// <returns>The kind; a file that is neither counts as <see cref="DriverKind.Native"/> and fails to load as such.</returns>
    /// <exception cref="DriverOpenException">The file is missing, may not be read, or is a directory, FIFO, device or socket.</exception>
    public static DriverKind GetKind(string filePath) => DriverImage.KindOf(Path.GetFullPath(filePath));

    /// <summary>
    /// Reads the file and checks it is a driver this process can load, as opening it would check before loading it: a
    /// native library for this machine, whole, that exports <c>DriverProc</c>; or a .NET assembly naming its driver type.
    /// Nothing is loaded and no message is sent.
    /// </summary>
    /// <param name="filePath">A fully qualified path.</param>
    /// <returns>What the file is.</returns>
    /// <exception cref="DriverOpenException">The file does not exist (<see cref="DriverFailureReason.FileNotFound"/>), may not be
    /// read (<see cref="DriverFailureReason.AccessDenied"/>) or is not a driver (<see cref="DriverFailureReason.NotADriver"/>).</exception>
    public static DriverFileInfo Inspect(string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        var fullPath = Path.GetFullPath(filePath);
        var image = DriverImage.Read(fullPath);
        return new DriverFileInfo(fullPath, image.Kind, image.EntryPoint, new FileInfo(fullPath).Length, ComputeSha256(fullPath));
    }

    /// <summary>The SHA-256 of a file's content as lowercase hex.</summary>
    /// <param name="filePath">The file.</param>
    /// <returns>64 hex digits.</returns>
    public static string ComputeSha256(string filePath)
    {
        using var stream = File.OpenRead(filePath);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
