namespace InstallableDrivers;

/// <summary>What a driver file is, told by its content rather than its name.</summary>
public enum DriverKind
{
    /// <summary>A native shared library exporting <c>DriverProc</c>.</summary>
    Native,

    /// <summary>A .NET assembly (a PE image with a CLI header) naming its driver type with <see cref="InstallableDriverAttribute"/>.</summary>
    Managed,
}

/// <summary>What <see cref="DriverFile.Inspect"/> found in a driver file.</summary>
/// <param name="FilePath">The full path of the file.</param>
/// <param name="Kind">Native or .NET.</param>
/// <param name="EntryPoint">The exported function (<c>DriverProc</c>) or the .NET driver type's full name.</param>
/// <param name="Size">The file's size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the file's content, lowercase hex.</param>
public sealed record DriverFileInfo(string FilePath, DriverKind Kind, string EntryPoint, long Size, string Sha256);
