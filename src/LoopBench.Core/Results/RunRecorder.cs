namespace LoopBench.Core.Results;

/// <summary>Where a running scenario sends its events; fakes stand in for it in tests.</summary>
public interface IRunSink
{
    /// <summary>Everything recorded so far.</summary>
    RunJournal Journal { get; }

    /// <summary>Records one event durably before it counts; throws <see cref="IOException"/> when it cannot.</summary>
    void Record(RunEvent e);
}

/// <summary>
/// Records a run in its directory: each event is appended to events.jsonl and fsynced first, then
/// run.json and summary.md are rebuilt from the journal and replaced atomically. If a write fails
/// (disk full), the event does not count and the files keep their last complete version.
/// </summary>
/// <remarks>
/// The recorder holds the directory's <see cref="RunDirectoryLock"/> from open to dispose: a
/// second writer (a second <c>--resume</c> of the same run) is refused.
/// </remarks>
public sealed class RunRecorder : IRunSink, IDisposable
{
    private readonly string _directory;
    private readonly RunDirectoryLock _lock;

    private RunRecorder(string directory, RunJournal journal, RunDirectoryLock held)
    {
        _directory = directory;
        Journal = journal;
        _lock = held;
    }

    /// <inheritdoc/>
    public RunJournal Journal { get; }

    /// <summary>Starts a new run in an existing, writable directory.</summary>
    public static RunRecorder Start(string directory, RunStartedEvent started)
    {
        ArgumentNullException.ThrowIfNull(started);
        var held = RunDirectoryLock.Acquire(directory);
        try
        {
            EventLog.Append(Path.Combine(directory, ResultStore.EventsFile), started);
            var recorder = new RunRecorder(directory, new RunJournal(started), held);
            recorder.Rebuild();
            return recorder;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reopens a run from its events.jsonl, to resume it: takes the lock, cuts a torn last line,
    /// and removes temporary files that a killed writer left behind.
    /// </summary>
    public static RunRecorder Open(string directory)
    {
        var held = RunDirectoryLock.Acquire(directory);
        try
        {
            string events = Path.Combine(directory, ResultStore.EventsFile);
            EventLog.TruncateTornTail(events);
            ResultStore.SweepStaleTemporaries(directory);
            return new RunRecorder(directory, EventLog.Read(events), held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();

    /// <inheritdoc/>
    public void Record(RunEvent e)
    {
        EventLog.Append(Path.Combine(_directory, ResultStore.EventsFile), e);
        Journal.Apply(e);
        Rebuild();
    }

    /// <summary>Rewrites run.json and summary.md from the journal.</summary>
    public void Rebuild()
    {
        var run = RunAssembler.Build(Journal);
        ResultStore.WriteAtomic(Path.Combine(_directory, ResultStore.RunFile), stream => ResultJson.Write(stream, run));
        ResultStore.WriteAtomic(Path.Combine(_directory, ResultStore.SummaryFile), RunSummary.Render(run));
    }
}
