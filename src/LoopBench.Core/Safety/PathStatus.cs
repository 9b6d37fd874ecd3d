using System.Runtime.InteropServices;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Safety;

/// <summary>
/// What a path is, read with statx(2): by default with AT_SYMLINK_NOFOLLOW, so a symlink is
/// described, never followed; nothing is opened, so a FIFO cannot block the caller.
/// </summary>
/// <param name="Kind">The file type.</param>
/// <param name="OwnerUid">Owner's uid.</param>
/// <param name="Mode">Permission bits (07777).</param>
internal sealed record PathStatus(PathKind Kind, uint OwnerUid, UnixFileMode Mode)
{
    private const int TypeMask = 0xF000;

    /// <summary>A real directory (not a symlink to one, unless the link was followed).</summary>
    public bool IsDirectory => Kind == PathKind.Directory;

    /// <summary>The path itself is a symbolic link.</summary>
    public bool IsSymlink => Kind == PathKind.Symlink;

    /// <summary>The effective uid of this process.</summary>
    public static uint EffectiveUid => Libc.GetEuid();

    /// <summary>
    /// The status of <paramref name="path"/>, or null when nothing is there (with
    /// <paramref name="followSymlinks"/>, also a link whose target is missing).
    /// </summary>
    public static unsafe PathStatus? Of(string path, bool followSymlinks = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        Libc.StatxBuffer buffer = default;
        if (Libc.StatxCall(Libc.AtFdCwd, path, followSymlinks ? 0 : Libc.AtSymlinkNoFollow, Libc.StatxTypeModeUid, &buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno == 2 /* ENOENT */ ? null : throw new IOException($"cannot stat '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        return new PathStatus(KindOf(buffer.Mode & TypeMask), buffer.Uid, (UnixFileMode)(buffer.Mode & 0xFFF));
    }

    /// <summary>The kind named by S_IFMT bits (sys/stat.h).</summary>
    private static PathKind KindOf(int type) => type switch
    {
        0x8000 => PathKind.RegularFile,
        0x4000 => PathKind.Directory,
        0xA000 => PathKind.Symlink,
        0x1000 => PathKind.Fifo,
        0x2000 => PathKind.CharacterDevice,
        0x6000 => PathKind.BlockDevice,
        0xC000 => PathKind.Socket,
        _ => PathKind.Other,
    };
}
