namespace LoopBench.Core.Safety;

/// <summary>
/// Directories that hold results, journals and locks. LoopBench runs as root on machines people
/// care about, so a directory it writes into must not be a symlink someone planted to redirect
/// those writes, and nobody but its owner may write into it (or they could swap a journal or a
/// run.json underneath us). mkdir(2) never follows a symlink in its last component; a path that
/// already exists is checked with statx(AT_SYMLINK_NOFOLLOW) instead of trusted.
/// </summary>
internal static class PrivateDirectory
{
    /// <summary>rwx for the owner only.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OthersWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>
    /// Makes sure <paramref name="path"/> is a real directory, owned by this user (or root), with
    /// mode 0700 when it is created here and never writable by group or others; missing parents are
    /// created (mode 0755). Throws <see cref="UnsafePathException"/> naming <paramref name="what"/>.
    /// </summary>
    public static string Ensure(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (PathStatus.Of(full) is null)
        {
            string? parent = Path.GetDirectoryName(full);
            if (parent is not null && PathStatus.Of(parent) is null)
            {
                Directory.CreateDirectory(parent);
            }

            try
            {
                Directory.CreateDirectory(full, OwnerOnly); // mkdir(2) with 0700: fails on anything planted in between
            }
            catch (IOException) when (PathStatus.Of(full) is not null)
            {
                // somebody made it first: it is checked below like any existing path
            }
        }

        Check(full, what);
        return full;
    }

    /// <summary>Throws <see cref="UnsafePathException"/> unless <paramref name="path"/> is a safe directory (see <see cref="Ensure"/>).</summary>
    public static void Check(string path, string what)
    {
        var status = PathStatus.Of(path) ?? throw new UnsafePathException($"{what} '{path}' vanished while it was being created");
        if (status.IsSymlink)
        {
            throw new UnsafePathException($"{what} '{path}' is a symbolic link; refusing to follow it (remove it, or point the option at the real directory)");
        }

        if (!status.IsDirectory)
        {
            throw new UnsafePathException($"{what} '{path}' exists and is not a directory");
        }

        uint me = PathStatus.EffectiveUid;
        if (status.OwnerUid != me && status.OwnerUid != 0)
        {
            throw new UnsafePathException($"{what} '{path}' belongs to uid {status.OwnerUid}, not to this user (uid {me}); refusing to write into it");
        }

        if ((status.Mode & OthersWrite) != 0)
        {
            throw new UnsafePathException($"{what} '{path}' is writable by other users (mode {Convert.ToString((int)status.Mode, 8)}); make it 0700 or 0755");
        }
    }
}
