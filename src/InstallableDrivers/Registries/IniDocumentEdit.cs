namespace InstallableDrivers.Registries;

/// <summary>
/// The registry a transaction of <see cref="IniDriverRegistry.Edit{T}"/> reads and changes: a document read under the
/// lock, changed in memory, and written back as a whole when the transaction ends.
/// </summary>
/// <param name="document">The document as read under the lock.</param>
/// <param name="filePath">The registry file the document was read from, for messages.</param>
internal sealed class IniDocumentEdit(IniDocument document, string filePath) : IDriverRegistry, IRegistryLineLocator
{
    /// <summary>The document with every change made so far.</summary>
    public IniDocument Document { get; private set; } = document;

    /// <summary>Whether any call changed the document.</summary>
    public bool Changed { get; private set; }

    /// <inheritdoc />
    public string? GetValue(string section, string alias)
    {
        RegistryArguments.CheckEntry(section, alias);
        return Document.GetValue(section, alias);
    }

    /// <inheritdoc />
    public void SetValue(string section, string alias, string value)
    {
        RegistryArguments.CheckEntry(section, alias, value);
        Apply(Document.WithValue(section, alias, value));
    }

    /// <inheritdoc />
    public bool DeleteValue(string section, string alias)
    {
        RegistryArguments.CheckEntry(section, alias);
        return Apply(Document.WithoutValue(section, alias));
    }

    /// <inheritdoc />
    public IReadOnlyList<string> GetSections() => Document.GetSections();

    /// <inheritdoc />
    public IReadOnlyList<string> GetAliases(string section)
    {
        RegistryArguments.CheckSection(section);
        return Document.GetAliases(section);
    }

    /// <inheritdoc />
    public (string FilePath, int Line)? Locate(string section, string alias) =>
        Document.LineOf(section, alias) is int line ? (filePath, line) : null;

    private bool Apply(IniDocument? changed)
    {
        if (changed is null)
        {
            return false;
        }

        Document = changed;
        Changed = true;
        return true;
    }
}
