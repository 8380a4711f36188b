namespace InstallableDrivers.Tests.Registries;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    /// <summary>The directory's fully qualified path.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("InstallableDrivers.Tests.").FullName;

    /// <summary>A path inside the directory.</summary>
    public string File(params string[] names) => System.IO.Path.Combine([Path, .. names]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
