namespace InstallableDrivers.Registries;

/// <summary>A read and the write it leads to, made one transaction whatever the registry.</summary>
internal static class RegistryTransaction
{
    // Serializes the transactions over registries that have none of their own, within this process.
    private static readonly Lock OtherRegistriesGate = new();

    /// <summary>
    /// Runs <paramref name="transaction"/> as one transaction of <paramref name="registry"/>: under
    /// <see cref="IniDriverRegistry.Edit{T}"/> for a registry file, so that no writer in any process comes between its read
    /// and its write; under a lock of this process for any other registry.
    /// </summary>
    /// <typeparam name="T">What the transaction returns.</typeparam>
    /// <param name="registry">The registry.</param>
    /// <param name="transaction">Reads and writes the registry it is given.</param>
    /// <returns>What <paramref name="transaction"/> returned.</returns>
    public static T Run<T>(IDriverRegistry registry, Func<IDriverRegistry, T> transaction)
    {
        if (registry is IniDriverRegistry file)
        {
            return file.Edit(transaction);
        }

        lock (OtherRegistriesGate)
        {
            return transaction(registry);
        }
    }
}
