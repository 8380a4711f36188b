namespace InstallableDrivers;

/// <summary>What <see cref="DriverFile.Inspect"/> found in a driver file.</summary>
/// <param name="FilePath">The full path of the file.</param>
/// <param name="Kind">Native or .NET.</param>
/// <param name="EntryPoint">The exported function (<c>DriverProc</c>) or the .NET driver type's full name.</param>
/// <param name="Size">The file's size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the file's content, lowercase hex.</param>
public sealed record DriverFileInfo(string FilePath, DriverKind Kind, string EntryPoint, long Size, string Sha256);
