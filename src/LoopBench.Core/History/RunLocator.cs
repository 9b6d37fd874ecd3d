using LoopBench.Core.Results;

namespace LoopBench.Core.History;

/// <summary>Finds a run from what a user types: a run.json, a results directory, or <c>last:&lt;label&gt;</c> from the history.</summary>
internal static class RunLocator
{
    /// <summary>The prefix that selects the newest history run with a label.</summary>
    public const string LastPrefix = "last:";

    /// <summary>Loads the run <paramref name="spec"/> names; throws <see cref="RunFileException"/> with a clear message.</summary>
    public static RunResult Load(string spec, string historyPath) => Locate(spec, historyPath).Run;

    /// <summary>Loads the run <paramref name="spec"/> names and finds its directory; throws <see cref="RunFileException"/> with a clear message.</summary>
    public static LocatedRun Locate(string spec, string historyPath)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.StartsWith(LastPrefix, StringComparison.Ordinal))
        {
            var run = RunFileReader.Read(spec);
            return new(run, Directory.Exists(spec) ? spec : Path.GetDirectoryName(Path.GetFullPath(spec)));
        }

        string label = spec[LastPrefix.Length..];
        if (label.Length == 0)
        {
            throw new RunFileException($"'{spec}' names no label; expected last:<label>, e.g. last:main");
        }

        bool isDatabase = HistoryTarget.IsPostgres(historyPath);
        if (!isDatabase && !Path.Exists(historyPath))
        {
            throw new RunFileException($"'{spec}': no history at '{historyPath}'; record runs with 'loopbench history import RUN --label {label}' or pass --history");
        }

        try
        {
            using var store = HistoryStore.OpenReadOnly(historyPath);
            var (run, path) = store.LastRecordWithLabel(label)
                ?? throw new RunFileException($"'{spec}': the history '{HistoryTarget.Describe(historyPath)}' has no run labelled '{label}'");
            return new(run, isDatabase ? RecordedDirectory(path) : DirectoryOf(run, path, historyPath));
        }
        catch (HistoryException ex)
        {
            throw new RunFileException(ex.Message, ex);
        }
    }

    /// <summary>Where a history run lives: the directory it was recorded from, else &lt;results&gt;/&lt;run-id&gt; beside the history (results moved together); null when neither exists.</summary>
    private static string? DirectoryOf(RunResult run, string? recordedPath, string historyPath)
    {
        if (RecordedDirectory(recordedPath) is string recorded)
        {
            return recorded;
        }

        if (run.RunId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || run.RunId is "." or "..")
        {
            return null; // an id is a directory name, never a path
        }

        string beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(historyPath)) ?? ".", run.RunId);
        return Directory.Exists(beside) ? beside : null;
    }

    /// <summary>The directory a run was recorded from, when it exists here (a database's runs may come from other hosts).</summary>
    private static string? RecordedDirectory(string? recordedPath) =>
        recordedPath is not null && Path.GetDirectoryName(recordedPath) is string recorded && Directory.Exists(recorded) ? recorded : null;
}
