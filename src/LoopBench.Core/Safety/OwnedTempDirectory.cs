using System.Globalization;

namespace LoopBench.Core.Safety;

/// <summary>
/// Private (0700) temporary directories named after the process that owns them:
/// <c>loopbench-PID-xxxxxx</c> (Unix socket paths) and <c>loopbench-ns-PID-xxxxxx</c> (sandbox
/// children). A process killed with SIGKILL cannot delete its own; the pid in the name lets a later
/// process prove one stale (no such process any more). The first directory a process creates in
/// the temp folder sweeps the empty ones of dead owners there, once per process.
/// </summary>
internal static class OwnedTempDirectory
{
    /// <summary>Prefix of the Unix-socket directories.</summary>
    public const string SocketPrefix = "loopbench-";

    /// <summary>Prefix of a sandbox child's directory.</summary>
    public const string SandboxPrefix = "loopbench-ns-";

    private static int _swept;

    /// <summary>Creates a 0700 directory <c>PREFIX-PID-random</c> in the temp folder, sweeping stale ones first (once per process).</summary>
    public static string Create(string prefix)
    {
        if (Interlocked.Exchange(ref _swept, 1) == 0)
        {
            Sweep(Path.GetTempPath());
        }

        return Directory.CreateTempSubdirectory(NamePrefix(prefix)).FullName;
    }

    /// <summary>"loopbench-1234-": the prefix followed by this process's pid.</summary>
    public static string NamePrefix(string prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{Environment.ProcessId}-");

    /// <summary>
    /// Removes, under <paramref name="root"/>, every empty directory named <c>loopbench-PID-…</c> or
    /// <c>loopbench-ns-PID-…</c> whose pid is gone and that this user owns (a symlink is never
    /// followed). rmdir(2) removes only an empty directory, so nothing with contents is touched.
    /// Returns how many were removed; errors leave a directory in place.
    /// </summary>
    public static int Sweep(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        int swept = 0;
        try
        {
            foreach (string path in Directory.EnumerateDirectories(root, SocketPrefix + "*"))
            {
                if (OwnerPid(Path.GetFileName(path)) is int pid && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}")
                    && PathStatus.Of(path) is { IsDirectory: true, IsSymlink: false } status && status.OwnerUid == PathStatus.EffectiveUid
                    && TryRemoveEmpty(path))
                {
                    swept++;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // a temp folder that cannot be listed has nothing to sweep here
        }

        return swept;
    }

    /// <summary>The owner's pid in "loopbench-1234-x" or "loopbench-ns-1234-x"; null for any other name.</summary>
    internal static int? OwnerPid(string name)
    {
        string rest = name.StartsWith(SandboxPrefix, StringComparison.Ordinal) ? name[SandboxPrefix.Length..]
            : name.StartsWith(SocketPrefix, StringComparison.Ordinal) ? name[SocketPrefix.Length..]
            : string.Empty;
        int dash = rest.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && dash < rest.Length - 1
            && int.TryParse(rest.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0
            ? pid
            : null;
    }

    private static bool TryRemoveEmpty(string path)
    {
        try
        {
            Directory.Delete(path, recursive: false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // not empty, or not ours to remove
        }
    }
}
