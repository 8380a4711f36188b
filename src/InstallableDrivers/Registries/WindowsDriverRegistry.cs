using System.Runtime.Versioning;
using Microsoft.Win32;

namespace InstallableDrivers.Registries;

/// <summary>
/// The registry Windows' own OpenDriver uses: each section is the key
/// <c>HKEY_LOCAL_MACHINE\Software\Microsoft\Windows NT\CurrentVersion\&lt;section&gt;</c> and each alias a string value in it.
/// </summary>
/// <remarks>
/// The registry view is the process's own, so a 32-bit process sees the 32-bit drivers as Windows does. Writing needs
/// administrator rights. <see cref="GetSections"/> lists every subkey of <c>CurrentVersion</c>, since any of them can be
/// named as a section. Names and values follow the same rules as <see cref="IniDriverRegistry"/>.
/// </remarks>
[SupportedOSPlatform("windows")]
public sealed class WindowsDriverRegistry : IDriverRegistry
{
    private const string SectionsKeyPath = @"Software\Microsoft\Windows NT\CurrentVersion";

    // Spelled out because this namespace's own name, Registry, hides Microsoft.Win32.Registry.
    private static RegistryKey LocalMachine => Microsoft.Win32.Registry.LocalMachine;

    /// <summary>Opens the Windows registry's driver sections. Nothing is read until the first call.</summary>
    /// <exception cref="PlatformNotSupportedException">Not running on Windows.</exception>
    public WindowsDriverRegistry()
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Windows registry exists only on Windows; use IniDriverRegistry elsewhere.");
        }
    }

    /// <inheritdoc />
    public string? GetValue(string section, string alias)
    {
        RegistryArguments.CheckEntry(section, alias);
        using var key = OpenSection(section, writable: false);
        return key is null ? null : ReadRegistration(key, alias);
    }

    /// <inheritdoc />
    public void SetValue(string section, string alias, string value)
    {
        RegistryArguments.CheckEntry(section, alias, value);
        using var key = LocalMachine.CreateSubKey(SectionKeyPath(section), writable: true);
        key.SetValue(alias, value, RegistryValueKind.String);
    }

    /// <inheritdoc />
    public bool DeleteValue(string section, string alias)
    {
        RegistryArguments.CheckEntry(section, alias);
        using var key = OpenSection(section, writable: true);
        if (key is null || ReadRegistration(key, alias) is null)
        {
            return false;
        }

        key.DeleteValue(alias);
        return true;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> GetSections()
    {
        using var key = LocalMachine.OpenSubKey(SectionsKeyPath);
        return key?.GetSubKeyNames() ?? [];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> GetAliases(string section)
    {
        RegistryArguments.CheckSection(section);
        using var key = OpenSection(section, writable: false);
        // The unnamed default value is not an alias.
        return key?.GetValueNames().Where(name => name.Length > 0 && ReadRegistration(key, name) is not null).ToArray() ?? [];
    }

    // Unexpanded, so that REG_EXPAND_SZ text comes back exactly as stored. A value of another kind is no registration:
    // it is neither read, listed nor deleted.
    private static string? ReadRegistration(RegistryKey key, string name) =>
        key.GetValue(name, null, RegistryValueOptions.DoNotExpandEnvironmentNames) as string;

    private static RegistryKey? OpenSection(string section, bool writable) => LocalMachine.OpenSubKey(SectionKeyPath(section), writable);

    private static string SectionKeyPath(string section) => $@"{SectionsKeyPath}\{section}";
}
