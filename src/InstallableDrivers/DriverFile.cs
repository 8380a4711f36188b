using System.Security.Cryptography;
using InstallableDrivers.Modules;

namespace InstallableDrivers;

/// <summary>Looks at a driver file without opening a driver instance: its kind, its entry point, its hash.</summary>
public static class DriverFile
{
    /// <summary>Tells a .NET assembly from a native library by the file's content (a PE image with a CLI header is .NET).</summary>
    /// <param name="filePath">The file.</param>
    /// <returns>The kind; a file that is neither counts as <see cref="DriverKind.Native"/> and fails to load as such.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DriverKind GetKind(string filePath) => ManagedDriverModule.IsManagedAssembly(filePath) ? DriverKind.Managed : DriverKind.Native;

    /// <summary>
    /// Loads the file as the runtime would, checks it is a driver, and unloads it again. No message is sent, so the
    /// driver's code does not run (a .NET driver's type is found but not created).
    /// </summary>
    /// <param name="filePath">A fully qualified path.</param>
    /// <returns>What the file is.</returns>
    /// <exception cref="DriverOpenException">The file does not exist (<see cref="DriverFailureReason.FileNotFound"/>) or is not a driver (<see cref="DriverFailureReason.NotADriver"/>).</exception>
    public static DriverFileInfo Inspect(string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        var fullPath = Path.GetFullPath(filePath);
        if (!File.Exists(fullPath))
        {
            throw new DriverOpenException(DriverFailureReason.FileNotFound, $"The driver file '{fullPath}' does not exist.");
        }

        var kind = GetKind(fullPath);
        var entryPoint = kind == DriverKind.Managed
            ? ManagedDriverModule.FindDriverTypeName(fullPath)
            : NativeDriverModule.Probe(fullPath);
        return new DriverFileInfo(fullPath, kind, entryPoint, new FileInfo(fullPath).Length, ComputeSha256(fullPath));
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
