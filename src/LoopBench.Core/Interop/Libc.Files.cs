using System.Runtime.InteropServices;

namespace LoopBench.Core.Interop;

/// <summary>
/// File calls .NET does not offer: who owns a path, without following a symlink; and fsync of a
/// directory, which <see cref="System.IO.FileStream"/> refuses to open.
/// </summary>
internal static unsafe partial class Libc
{
    /// <summary>AT_FDCWD: relative paths resolve against the working directory.</summary>
    internal const int AtFdCwd = -100;

    /// <summary>AT_SYMLINK_NOFOLLOW: describe a symlink itself, not its target.</summary>
    internal const int AtSymlinkNoFollow = 0x100;

    /// <summary>STATX_TYPE | STATX_MODE | STATX_UID.</summary>
    internal const uint StatxTypeModeUid = 0x1 | 0x2 | 0x8;

    /// <summary>statx(2) (glibc ≥ 2.28); its struct has the same layout on every architecture, unlike struct stat.</summary>
    [LibraryImport(LibraryName, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int StatxCall(int dirFd, string path, int flags, uint mask, StatxBuffer* buffer);

    /// <summary>open(2); a descriptor or -1 with errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    /// <summary>fsync(2); 0 or -1 with errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(int fd);

    /// <summary>close(2); 0 or -1 with errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    /// <summary>geteuid(2).</summary>
    [LibraryImport(LibraryName, EntryPoint = "geteuid")]
    internal static partial uint GetEuid();

    /// <summary>The leading fields of struct statx (256 bytes in all); the rest is padding here.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct StatxBuffer
    {
        [FieldOffset(20)]
        public uint Uid;

        [FieldOffset(28)]
        public ushort Mode;
    }
}
