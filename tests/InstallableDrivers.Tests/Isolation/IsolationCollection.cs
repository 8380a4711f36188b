namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// The isolation tests run one at a time: each checks, when it ends, that no driver host process of this test process
/// is left, which a test running beside it could not promise.
/// </summary>
[CollectionDefinition(Name)]
public sealed class IsolationCollection
{
    public const string Name = "Isolation";
}
