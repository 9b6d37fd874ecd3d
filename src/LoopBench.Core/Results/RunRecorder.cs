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
public sealed class RunRecorder : IRunSink
{
    private readonly string _directory;

    private RunRecorder(string directory, RunJournal journal)
    {
        _directory = directory;
        Journal = journal;
    }

    /// <inheritdoc/>
    public RunJournal Journal { get; }

    /// <summary>Starts a new run in an existing, writable directory.</summary>
    public static RunRecorder Start(string directory, RunStartedEvent started)
    {
        ArgumentNullException.ThrowIfNull(started);
        EventLog.Append(Path.Combine(directory, ResultStore.EventsFile), started);
        var recorder = new RunRecorder(directory, new RunJournal(started));
        recorder.Rebuild();
        return recorder;
    }

    /// <summary>Reopens a run from its events.jsonl, to resume it.</summary>
    public static RunRecorder Open(string directory) =>
        new(directory, EventLog.Read(Path.Combine(directory, ResultStore.EventsFile)));

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
