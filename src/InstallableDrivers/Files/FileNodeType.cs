namespace InstallableDrivers.Files;

/// <summary>What a path names, after following symbolic links.</summary>
internal enum FileNodeType
{
    /// <summary>Nothing: no such path, or a symbolic link whose target does not exist.</summary>
    Missing,

    /// <summary>A regular file: the only kind a driver or a registry may be.</summary>
    RegularFile,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A FIFO (named pipe): opening it for reading waits for a writer.</summary>
    Fifo,

    /// <summary>A character device, such as /dev/zero or a terminal.</summary>
    CharacterDevice,

    /// <summary>A block device, such as a disk.</summary>
    BlockDevice,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>Something else the platform knows and this list does not.</summary>
    Other,
}
