namespace InstallableDrivers.Modules;

/// <summary>What a driver, alias, section or file name may contain.</summary>
internal static class NameRules
{
    /// <summary>Refuses null, empty, blank and control-character names (<see cref="ControlCharacters"/>).</summary>
    /// <exception cref="DriverOpenException">With <see cref="DriverFailureReason.InvalidName"/>.</exception>
    public static void Validate(string? name, string what)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DriverOpenException(DriverFailureReason.InvalidName, $"The {what} is empty.");
        }

        if (ControlCharacters.Contains(name))
        {
            throw new DriverOpenException(DriverFailureReason.InvalidName, $"The {what} '{ControlCharacters.Escape(name)}' contains control characters.");
        }
    }
}
