using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>
/// Writes results/&lt;run-id&gt;/run.json for calibrate through <see cref="ResultStore"/>: a private
/// (0700, symlink-safe) run directory and an atomic, fsynced replace, like every other run.
/// </summary>
public static class RunFileWriter
{
    /// <summary>Writes <paramref name="run"/> and returns the file's path.</summary>
    public static string Write(string resultsDirectory, RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        string directory = new ResultStore(resultsDirectory).Create(run.RunId);
        string path = Path.Combine(directory, ResultStore.RunFile);
        ResultStore.WriteAtomic(path, stream => ResultJson.Write(stream, run));
        return path;
    }
}
