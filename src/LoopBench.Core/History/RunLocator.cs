using LoopBench.Core.Results;

namespace LoopBench.Core.History;

/// <summary>Finds a run from what a user types: a run.json, a results directory, or <c>last:&lt;label&gt;</c> from the history.</summary>
public static class RunLocator
{
    /// <summary>The prefix that selects the newest history run with a label.</summary>
    public const string LastPrefix = "last:";

    /// <summary>Loads the run <paramref name="spec"/> names; throws <see cref="RunFileException"/> with a clear message.</summary>
    public static RunResult Load(string spec, string historyPath)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.StartsWith(LastPrefix, StringComparison.Ordinal))
        {
            return RunFileReader.Read(spec);
        }

        string label = spec[LastPrefix.Length..];
        if (label.Length == 0)
        {
            throw new RunFileException($"'{spec}' names no label; expected last:<label>, e.g. last:main");
        }

        if (!Path.Exists(historyPath))
        {
            throw new RunFileException($"'{spec}': no history at '{historyPath}'; record runs with 'loopbench history import RUN --label {label}' or pass --history");
        }

        try
        {
            using var store = HistoryStore.OpenReadOnly(historyPath);
            return store.LastWithLabel(label)
                ?? throw new RunFileException($"'{spec}': the history '{historyPath}' has no run labelled '{label}'");
        }
        catch (HistoryException ex)
        {
            throw new RunFileException(ex.Message, ex);
        }
    }
}
