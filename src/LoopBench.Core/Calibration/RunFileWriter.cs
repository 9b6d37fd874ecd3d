using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>
/// Writes results/&lt;run-id&gt;/run.json for calibrate through <see cref="ResultStore"/>: a private
/// (0700, symlink-safe) run directory that gets its name once run.json is in it, like every other run.
/// </summary>
internal static class RunFileWriter
{
    /// <summary>Writes <paramref name="run"/> and returns the file's path.</summary>
    public static string Write(string resultsDirectory, RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var store = new ResultStore(resultsDirectory);
        string staging = store.Stage(run.RunId);
        ResultStore.WriteAtomic(Path.Combine(staging, ResultStore.RunFile), stream => ResultJson.Write(stream, run));
        return Path.Combine(store.Publish(staging, run.RunId), ResultStore.RunFile); // never a run directory without its run.json
    }
}
