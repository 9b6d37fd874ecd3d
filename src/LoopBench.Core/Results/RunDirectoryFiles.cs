namespace LoopBench.Core.Results;

/// <summary>A run's files on disk: <see cref="EventLog"/> for the log, <see cref="ResultStore"/>'s atomic replace for the rest.</summary>
/// <param name="directory">The run directory.</param>
internal sealed class RunDirectoryFiles(string directory) : IRunFiles
{
    /// <inheritdoc/>
    public long Append(RunEvent e) => EventLog.Append(Path.Combine(directory, ResultStore.EventsFile), e);

    /// <inheritdoc/>
    public long Replace(string name, Action<Stream> write) => ResultStore.WriteAtomic(Path.Combine(directory, name), write);
}
