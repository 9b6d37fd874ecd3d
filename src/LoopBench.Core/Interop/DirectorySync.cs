using System.Runtime.InteropServices;

namespace LoopBench.Core.Interop;

/// <summary>
/// fsync(2) of a directory. A rename(2) changes the directory, not the file: until the directory
/// itself is flushed, a power cut may bring back the old name (or no file at all) even though the
/// renamed file's data were fsynced. Every rename that publishes a result is followed by this.
/// </summary>
internal static class DirectorySync
{
    // O_RDONLY is 0; O_CLOEXEC (02000000) is the same on every Linux architecture, O_DIRECTORY is
    // not (0200000 on x86, 040000 on arm and arm64: asm-generic/fcntl.h vs arch/arm*/…/fcntl.h).
    private const int OpenReadOnly = 0;
    private const int OpenCloseOnExec = 0x80000;
    private static readonly int OpenDirectory =
        RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 ? 0x4000 : 0x10000;

    private const int Eintr = 4;
    private const int Einval = 22;

    /// <summary>
    /// Flushes the entries of <paramref name="directory"/> (renames, creations, removals) to disk.
    /// Throws <see cref="IOException"/> naming the directory when it cannot be opened as one or the
    /// flush fails.
    /// </summary>
    public static void Flush(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        int fd;
        do
        {
            fd = Libc.Open(directory, OpenReadOnly | OpenDirectory | OpenCloseOnExec);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == Eintr);

        if (fd < 0)
        {
            throw Failure("open", directory, Marshal.GetLastPInvokeError());
        }

        try
        {
            // EINVAL: the file system cannot sync a directory (some FUSE and network mounts); the
            // rename is then as durable as that file system makes it, and failing would only stop
            // the run from being recorded at all.
            if (Libc.Fsync(fd) != 0 && Marshal.GetLastPInvokeError() is int errno && errno != Einval)
            {
                throw Failure("fsync", directory, errno);
            }
        }
        finally
        {
            _ = Libc.Close(fd); // read-only descriptor: nothing for close to report
        }
    }

    /// <summary>Flushes the directory that holds <paramref name="path"/>, after a rename to that path.</summary>
    public static void FlushParentOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string? parent = Path.GetDirectoryName(Path.GetFullPath(path));
        Flush(string.IsNullOrEmpty(parent) ? "/" : parent);
    }

    private static IOException Failure(string call, string directory, int errno) =>
        new($"cannot {call} directory '{directory}' to make a rename durable: {Marshal.GetPInvokeErrorMessage(errno)}");
}
