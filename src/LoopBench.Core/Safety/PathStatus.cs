using System.Runtime.InteropServices;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Safety;

/// <summary>What a path is, read with statx(AT_SYMLINK_NOFOLLOW): a symlink is described, never followed.</summary>
/// <param name="IsDirectory">A real directory (not a symlink to one).</param>
/// <param name="IsSymlink">The path itself is a symbolic link.</param>
/// <param name="OwnerUid">Owner's uid.</param>
/// <param name="Mode">Permission bits (07777).</param>
internal sealed record PathStatus(bool IsDirectory, bool IsSymlink, uint OwnerUid, UnixFileMode Mode)
{
    private const int TypeMask = 0xF000;
    private const int TypeDirectory = 0x4000;
    private const int TypeSymlink = 0xA000;

    /// <summary>The effective uid of this process.</summary>
    public static uint EffectiveUid => Libc.GetEuid();

    /// <summary>The status of <paramref name="path"/>, or null when nothing is there.</summary>
    public static unsafe PathStatus? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Libc.StatxBuffer buffer = default;
        if (Libc.StatxCall(Libc.AtFdCwd, path, Libc.AtSymlinkNoFollow, Libc.StatxTypeModeUid, &buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno == 2 /* ENOENT */ ? null : throw new IOException($"cannot stat '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        int type = buffer.Mode & TypeMask;
        return new PathStatus(type == TypeDirectory, type == TypeSymlink, buffer.Uid, (UnixFileMode)(buffer.Mode & 0xFFF));
    }
}
