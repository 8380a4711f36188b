using InstallableDrivers.Files;

namespace InstallableDrivers.Inspection;

/// <summary>The errors about a driver file, worded once for the resolver, the loader and <see cref="DriverFile"/>.</summary>
internal static class DriverFileErrors
{
    /// <summary>No file at a full path; a dangling symbolic link says where it points.</summary>
    /// <param name="fullPath">The path looked at.</param>
    /// <returns>A <see cref="DriverFailureReason.FileNotFound"/> exception.</returns>
    public static DriverOpenException FileNotFound(string fullPath) => new(DriverFailureReason.FileNotFound,
        LinkTarget(fullPath) is { } target
            ? $"The driver file '{fullPath}' is a symbolic link to '{target}', which does not exist."
            : $"The driver file '{fullPath}' does not exist.");

    /// <summary>The file exists but is not a driver, and why.</summary>
    /// <param name="fullPath">The file.</param>
    /// <param name="why">What is wrong, as a clause: "it exports no 'DriverProc' function".</param>
    /// <param name="inner">The underlying error, if any.</param>
    /// <returns>A <see cref="DriverFailureReason.NotADriver"/> exception.</returns>
    public static DriverOpenException NotADriver(string fullPath, string why, Exception? inner = null) =>
        new(DriverFailureReason.NotADriver, $"'{fullPath}' is not a driver: {why}.", inner);

    /// <summary>The path is a directory, FIFO, device or socket, which is refused before it is opened.</summary>
    /// <param name="fullPath">The path.</param>
    /// <param name="type">What it is.</param>
    /// <returns>A <see cref="DriverFailureReason.NotADriver"/> exception.</returns>
    public static DriverOpenException NotARegularFile(string fullPath, FileNodeType type) =>
        NotADriver(fullPath, $"it is {FileNodes.Describe(type)}, not a regular file");

    /// <summary>A shared library without the one export every driver has.</summary>
    /// <param name="fullPath">The file.</param>
    /// <returns>A <see cref="DriverFailureReason.NotADriver"/> exception.</returns>
    public static DriverOpenException NoDriverProc(string fullPath) =>
        NotADriver(fullPath, $"it is a shared library but exports no '{DriverImage.DriverProcExport}' function");

    /// <summary>The file exists and this process may not read it.</summary>
    /// <param name="fullPath">The file.</param>
    /// <param name="inner">The error opening it.</param>
    /// <returns>A <see cref="DriverFailureReason.AccessDenied"/> exception.</returns>
    public static DriverOpenException AccessDenied(string fullPath, Exception inner) => new(DriverFailureReason.AccessDenied,
        $"The driver file '{fullPath}' exists but this process may not read it ({inner.Message}).", inner);

    private static string? LinkTarget(string fullPath)
    {
        try
        {
            return new FileInfo(fullPath).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
