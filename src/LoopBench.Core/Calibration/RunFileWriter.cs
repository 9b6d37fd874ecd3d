using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>
/// Writes results/&lt;run-id&gt;/run.json atomically: a temp file in the same directory, flushed to
/// disk, then renamed over the target, so a reader never sees half a document.
/// </summary>
/// <remarks>TODO(issue 10): fold into Results/ResultStore once that lands; calibrate only needs this.</remarks>
public static class RunFileWriter
{
    /// <summary>Writes <paramref name="run"/> and returns the file's path.</summary>
    public static string Write(string resultsDirectory, RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        string directory = Path.Combine(resultsDirectory, run.RunId);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "run.json");
        string temp = path + ".tmp-" + System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(ResultJson.Serialize(run));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }
}
