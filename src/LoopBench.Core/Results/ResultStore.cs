using System.Text;

namespace LoopBench.Core.Results;

/// <summary>
/// The results directory: results/&lt;run-id&gt;/ with events.jsonl, run.json and summary.md.
/// Whole files are replaced atomically (temporary file in the same directory, fsync, rename), so a
/// crash or a full disk leaves the previous complete version, never half a file.
/// </summary>
public sealed class ResultStore
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

    /// <summary>Creates the run's directory and proves it writable; throws <see cref="IOException"/> saying which directory failed.</summary>
    public string Create(string runId)
    {
        string dir = RunDirectory(runId);
        try
        {
            Directory.CreateDirectory(Root);
            Safety.PrivateDirectory.Ensure(dir, "results directory"); // 0700, never through a planted symlink
            WriteAtomic(Path.Combine(dir, ".write-probe"), "ok\n");
            File.Delete(Path.Combine(dir, ".write-probe"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new IOException($"results directory '{dir}' is not writable: {ex.Message}", ex);
        }

        return dir;
    }

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
        try
        {
            long bytes;
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024))
            {
                write(stream);
                stream.Flush(flushToDisk: true); // fsync before the rename, or a crash may leave an empty run.json
                bytes = stream.Length;
            }

            File.Move(temp, path, overwrite: true); // rename(2): readers see the old or the new file, never a mix
            return bytes;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
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
