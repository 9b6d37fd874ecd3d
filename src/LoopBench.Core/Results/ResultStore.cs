using System.Text;

namespace LoopBench.Core.Results;

/// <summary>
/// The results directory: results/&lt;run-id&gt;/ with events.jsonl, run.json and summary.md.
/// Whole files are replaced atomically (temporary file in the same directory, fsync, rename, fsync
/// of the directory), so a crash, a power cut or a full disk leaves the previous complete version,
/// never half a file.
/// </summary>
internal sealed class ResultStore
{
    /// <summary>The append-only log.</summary>
    public const string EventsFile = "events.jsonl";

    /// <summary>The run document, rebuilt from the log as <see cref="RebuildBudget"/> allows and at every change of status.</summary>
    public const string RunFile = "run.json";

    /// <summary>The human summary.</summary>
    public const string SummaryFile = "summary.md";

    /// <summary>Opens the store rooted at <paramref name="root"/> (e.g. "results").</summary>
    public ResultStore(string root)
    {
        Root = root ?? throw new ArgumentNullException(nameof(root));
    }

    /// <summary>The results root.</summary>
    public string Root { get; }

    /// <summary>The directory of a run.</summary>
    public string RunDirectory(string runId) => Path.Combine(Root, runId);

    /// <summary>
    /// A run directory being created is named <c>.starting-&lt;run-id&gt;.&lt;pid&gt;</c> until its first
    /// files are in it: a start killed before the rename leaves only a dot-named directory, which is
    /// no run (nothing was measured) and which <see cref="SweepAbandonedStarts"/> removes.
    /// </summary>
    public const string StagingPrefix = ".starting-";

    /// <summary>Creates an empty run directory (through its temporary name) and proves it writable; throws <see cref="IOException"/> saying which directory failed.</summary>
    public string Create(string runId) => Publish(Stage(runId), runId);

    /// <summary>
    /// Creates the run's directory under its temporary name (0700, symlink-safe) and proves it
    /// writable; the caller writes the first files there, then calls <see cref="Publish"/>. Throws
    /// <see cref="IOException"/> saying which directory failed.
    /// </summary>
    public string Stage(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        string final = RunDirectory(runId);
        string staging = Path.Combine(Root, StagingName(runId, Environment.ProcessId));
        try
        {
            if (!Directory.Exists(Root))
            {
                Directory.CreateDirectory(Root);
                Interop.DirectorySync.FlushParentOf(Root); // else a power cut may take the new root, and the run in it, away
            }

            if (Safety.PathStatus.Of(final) is not null)
            {
                Safety.PrivateDirectory.Check(final, "results directory"); // a planted symlink says so
                throw new IOException($"'{final}' already exists");
            }

            Safety.PrivateDirectory.Ensure(staging, "results directory"); // 0700, never through a planted symlink
            WriteAtomic(Path.Combine(staging, ".write-probe"), "ok\n");
            File.Delete(Path.Combine(staging, ".write-probe"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new IOException($"results directory '{final}' is not writable: {ex.Message}", ex);
        }

        return staging;
    }

    /// <summary>
    /// Gives a staged directory its final name with one rename(2), so the run directory appears
    /// with its first files already in it (they were fsynced when written); returns the final path.
    /// </summary>
    public string Publish(string staging, string runId)
    {
        ArgumentNullException.ThrowIfNull(staging);
        string final = RunDirectory(runId);
        try
        {
            Directory.Move(staging, final); // refuses an existing target, so a run is never merged into another
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"run directory '{final}' could not be created from '{staging}': {ex.Message}", ex);
        }

        Interop.DirectorySync.FlushParentOf(final); // the new name survives a power cut only once the root is flushed
        return final;
    }

    /// <summary>
    /// Removes the staged directories under the root whose creator is gone (no such pid): each is
    /// a start killed before its run directory got its name, so it holds at most the start event
    /// and no measurement. Only directories this user owns, holding only files, are removed;
    /// returns the paths removed, so the caller can say so.
    /// </summary>
    public IReadOnlyList<string> SweepAbandonedStarts()
    {
        var swept = new List<string>();
        if (!Directory.Exists(Root))
        {
            return swept;
        }

        try
        {
            foreach (string path in Directory.EnumerateDirectories(Root, StagingPrefix + "*"))
            {
                if (StagingOwner(Path.GetFileName(path)) is int pid && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}")
                    && TryRemoveStaged(path))
                {
                    swept.Add(path);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // an unreadable root: creating the run directory reports it
        }

        return swept;
    }

    /// <summary>True when a staged directory for <paramref name="runId"/> is under the root: its start was killed before the run directory got its name.</summary>
    public bool HasAbandonedStart(string runId) =>
        Directory.Exists(Root)
        && Directory.EnumerateDirectories(Root, StagingPrefix + "*").Any(path => RunIdOfStaging(Path.GetFileName(path)) == runId);

    /// <summary>The temporary name of a run directory being created by process <paramref name="pid"/>.</summary>
    internal static string StagingName(string runId, int pid) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{StagingPrefix}{runId}.{pid}");

    /// <summary>Removes a staged directory: only a real directory of this user holding only regular files (what a start writes).</summary>
    internal static bool TryRemoveStaged(string path)
    {
        try
        {
            if (Safety.PathStatus.Of(path) is not { IsDirectory: true } status || status.OwnerUid != Safety.PathStatus.EffectiveUid)
            {
                return false;
            }

            foreach (string entry in Directory.EnumerateFileSystemEntries(path))
            {
                if (Safety.PathStatus.Of(entry)?.Kind != Safety.PathKind.RegularFile)
                {
                    return false; // not what a start leaves: not ours to delete
                }
            }

            foreach (string entry in Directory.EnumerateFileSystemEntries(path))
            {
                File.Delete(entry);
            }

            Directory.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // left in place; listings skip dot names, and the next run tries again
        }
    }

    private static int? StagingOwner(string name)
    {
        int dot = name.LastIndexOf('.');
        return dot > StagingPrefix.Length
            && int.TryParse(name.AsSpan(dot + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid)
            ? pid
            : null;
    }

    private static string? RunIdOfStaging(string name) =>
        StagingOwner(name) is null ? null : name[StagingPrefix.Length..name.LastIndexOf('.')];

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> atomically; returns the bytes written.</summary>
    public static long WriteAtomic(string path, string content) =>
        WriteAtomic(path, stream => stream.Write(Encoding.UTF8.GetBytes(content ?? string.Empty)));

    /// <summary>
    /// Replaces <paramref name="path"/> atomically with what <paramref name="write"/> writes
    /// (streamed: no copy of the whole content in memory); returns the bytes written.
    /// </summary>
    public static long WriteAtomic(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string temp = $"{path}.tmp-{Environment.ProcessId}";
        long bytes;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024))
            {
                write(stream);
                stream.Flush(flushToDisk: true); // fsync before the rename, or a crash may leave an empty run.json
                bytes = stream.Length;
            }

            File.Move(temp, path, overwrite: true); // rename(2): readers see the old or the new file, never a mix
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        // After the rename, not inside the try: the temporary name is gone, and a failure here means
        // the new file is in place but not yet durable, which the caller must hear about.
        Interop.DirectorySync.FlushParentOf(path);
        return bytes;
    }

    /// <summary>
    /// Deletes the <c>*.tmp-PID</c> files of <see cref="WriteAtomic(string, Action{Stream})"/> in
    /// <paramref name="directory"/> whose writer is gone (no such pid): a writer killed between
    /// creating and renaming its temporary file leaves it behind.
    /// </summary>
    public static int SweepStaleTemporaries(string directory)
    {
        int swept = 0;
        foreach (string path in Directory.EnumerateFiles(directory, "*.tmp-*"))
        {
            string suffix = path[(path.LastIndexOf(".tmp-", StringComparison.Ordinal) + 5)..];
            if (int.TryParse(suffix, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid)
                && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                TryDelete(path);
                swept++;
            }
        }

        return swept;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the temp file is harmless; the original error is what matters
        }
    }
}
