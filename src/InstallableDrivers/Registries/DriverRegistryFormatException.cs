namespace InstallableDrivers.Registries;

/// <summary>
/// A registry file that is not valid <c>system.ini</c> syntax. The file is left as it is: nothing is dropped or rewritten,
/// so the person who edited it can fix the named line.
/// </summary>
public sealed class DriverRegistryFormatException : FormatException
{
    /// <summary>Creates the exception for a line of a registry file.</summary>
    /// <param name="filePath">The file that holds the line.</param>
    /// <param name="lineNumber">The 1-based number of the line.</param>
    /// <param name="problem">What is wrong with the line, for example <c>expected '[section]' ..., found "garbage"</c>.</param>
    public DriverRegistryFormatException(string filePath, int lineNumber, string problem)
        : base($"{filePath}({lineNumber}): {problem}")
    {
        FilePath = filePath;
        LineNumber = lineNumber;
    }

    /// <summary>The registry file that is malformed.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based number of the first malformed line.</summary>
    public int LineNumber { get; }
}
