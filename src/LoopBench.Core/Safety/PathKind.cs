namespace LoopBench.Core.Safety;

/// <summary>What kind of file a path names (the S_IFMT bits of its mode).</summary>
internal enum PathKind
{
    /// <summary>A type this enum does not name.</summary>
    [Id("other")]
    Other = 0,

    /// <summary>A regular file.</summary>
    [Id("regular-file")]
    RegularFile = 1,

    /// <summary>A directory.</summary>
    [Id("directory")]
    Directory = 2,

    /// <summary>A symbolic link (only when it is not followed).</summary>
    [Id("symlink")]
    Symlink = 3,

    /// <summary>A named pipe: opening it for reading blocks until a writer comes.</summary>
    [Id("fifo")]
    Fifo = 4,

    /// <summary>A character device such as /dev/zero or /dev/null.</summary>
    [Id("character-device")]
    CharacterDevice = 5,

    /// <summary>A block device.</summary>
    [Id("block-device")]
    BlockDevice = 6,

    /// <summary>A Unix-domain socket.</summary>
    [Id("socket")]
    Socket = 7,
}
