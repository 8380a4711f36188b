namespace InstallableDrivers;

/// <summary>
/// The handle of an open driver instance, as OpenDriver returns it. An opaque pointer-sized value that is never 0 for
/// a live instance. Handles carry a generation: once closed, a handle never becomes valid again.
/// </summary>
/// <param name="value">The raw handle value.</param>
public readonly struct HDRVR(nint value) : IEquatable<HDRVR>
{
    /// <summary>The null handle: what a failed OpenDriver returns.</summary>
    public static HDRVR Null => default;

    /// <summary>The raw handle value, as a native driver receives it.</summary>
    public nint Value { get; } = value;

    /// <summary>True for the null handle.</summary>
    public bool IsNull => Value == 0;

    /// <inheritdoc />
    public bool Equals(HDRVR other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is HDRVR other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Shows the value in hex, as Win32 debuggers show handles.</summary>
    /// <returns>For example <c>HDRVR(0x1A2B000000000001)</c>.</returns>
    public override string ToString() => $"HDRVR(0x{Value:X})";

    /// <summary>Compares two handles.</summary>
    /// <param name="left">The first handle.</param>
    /// <param name="right">The second handle.</param>
    /// <returns>True if they are the same value.</returns>
    public static bool operator ==(HDRVR left, HDRVR right) => left.Equals(right);

    /// <summary>Compares two handles.</summary>
    /// <param name="left">The first handle.</param>
    /// <param name="right">The second handle.</param>
    /// <returns>True if they differ.</returns>
    public static bool operator !=(HDRVR left, HDRVR right) => !left.Equals(right);
}
