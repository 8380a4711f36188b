namespace InstallableDrivers.Multimedia;

/// <summary>What one call copied, for <see cref="AcmMessageCopier"/>'s copy-out.</summary>
internal sealed class AcmCopyState
{
    public AcmStructCopy? Structure { get; set; }

    public AcmOpenDescriptionCopy? OpenDescription { get; set; }

    public AcmStreamInstanceCopy? Stream { get; set; }

    /// <summary>True when <see cref="Stream"/> is the lasting copy this call made (an open): dropped unless the open succeeds.</summary>
    public bool NewStream { get; set; }

    public AcmStreamHeaderCopy? Header { get; set; }

    /// <summary>True when <see cref="Header"/> is the copy this call made (a prepare): dropped unless the header gets prepared.</summary>
    public bool NewHeader { get; set; }
}
