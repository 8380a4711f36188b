using System.Runtime.InteropServices;

namespace InstallableDrivers;

/// <summary>
/// A <see cref="DRVCONFIGINFO"/> in native memory, with its section and alias names as NUL-terminated UTF-16 strings in
/// the same block: what DRV_INSTALL and DRV_CONFIGURE expect in lParam2. The block lives until it is disposed.
/// </summary>
/// <remarks>
/// There is deliberately no finalizer: a driver may still be reading the block while the object is unreachable (during
/// the SendDriverMessage that carries <see cref="Address"/>), so only <see cref="Dispose"/> frees it.
/// </remarks>
public sealed unsafe class DriverConfigInfoBlock : IDisposable
{
    private nint block;

    /// <summary>Allocates the block for a section and an alias.</summary>
    /// <param name="section">The registry section the driver is installed in, for example <c>Drivers32</c>.</param>
    /// <param name="alias">The driver's alias in that section.</param>
    /// <exception cref="ArgumentException">A name contains a NUL character, which would cut it short for the driver.</exception>
    public DriverConfigInfoBlock(string section, string alias)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(alias);
        if (section.Contains('\0', StringComparison.Ordinal) || alias.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A section or alias name handed to a driver cannot contain NUL characters.");
        }

        Section = section;
        Alias = alias;
        var header = sizeof(DRVCONFIGINFO);
        var sectionBytes = (section.Length + 1) * sizeof(char);
        var aliasBytes = (alias.Length + 1) * sizeof(char);
        var start = (byte*)NativeMemory.AllocZeroed((nuint)(header + sectionBytes + aliasBytes));
        // AllocZeroed leaves each string's terminating NUL in place; the header's size keeps the strings 2-byte aligned.
        var sectionText = (char*)(start + header);
        var aliasText = (char*)(start + header + sectionBytes);
        section.CopyTo(new Span<char>(sectionText, section.Length));
        alias.CopyTo(new Span<char>(aliasText, alias.Length));
        *(DRVCONFIGINFO*)start = new DRVCONFIGINFO
        {
            dwDCISize = (uint)header,
            lpszDCISectionName = (nint)sectionText,
            lpszDCIAliasName = (nint)aliasText,
        };
        block = (nint)start;
    }

    /// <summary>The section name the block carries.</summary>
    public string Section { get; }

    /// <summary>The alias the block carries.</summary>
    public string Alias { get; }

    /// <summary>The address of the <see cref="DRVCONFIGINFO"/>, to pass as lParam2.</summary>
    /// <exception cref="ObjectDisposedException">The block was freed.</exception>
    public nint Address
    {
        get
        {
            var pointer = Volatile.Read(ref block);
            ObjectDisposedException.ThrowIf(pointer == 0, this);
            return pointer;
        }
    }

    /// <summary>Frees the block. Disposing twice does nothing the second time.</summary>
    public void Dispose()
    {
        var pointer = Interlocked.Exchange(ref block, 0);
        if (pointer != 0)
        {
            NativeMemory.Free((void*)pointer);
        }
    }
}
