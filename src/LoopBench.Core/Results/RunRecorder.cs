using System.Text;

namespace LoopBench.Core.Results;

/// <summary>Where a running scenario sends its events; fakes stand in for it in tests.</summary>
internal interface IRunSink
{
    /// <summary>Everything recorded so far.</summary>
    RunJournal Journal { get; }

    /// <summary>Records one event durably before it counts; throws <see cref="IOException"/> when it cannot.</summary>
    void Record(RunEvent e);
}

/// <summary>
/// Records a run in its directory. Each event is appended to events.jsonl and fsynced first: that
/// is the durable record, and it costs the same whatever the run's length. run.json and summary.md
/// are rebuilt from the journal and replaced atomically at every change of status (started,
/// resumed, interrupted, completed, failed), when the recorder is opened or let go, and in between
/// as often as <see cref="RebuildBudget"/> allows, so that a long run does not rewrite its whole
/// document after every repetition (docs/recording.md). If a write fails (disk full), the event
/// does not count and the files keep their last complete version.
/// </summary>
/// <remarks>
/// The recorder holds the directory's <see cref="RunDirectoryLock"/> from open to dispose: a
/// second writer (a second <c>--resume</c> of the same run) is refused.
/// </remarks>
internal sealed class RunRecorder : IRunSink, IDisposable
{
    private readonly IRunFiles _files;
    private readonly RunDirectoryLock? _lock;
    private readonly RebuildBudget _budget;
    private readonly Func<RunResult, string>? _summarySections;

    /// <summary>A recorder over <paramref name="files"/>; the caller has logged the journal's events already.</summary>
    internal RunRecorder(IRunFiles files, RunJournal journal, RunDirectoryLock? held = null, RebuildBudget? budget = null, Func<RunResult, string>? summarySections = null)
    {
        _summarySections = summarySections;
        _files = files ?? throw new ArgumentNullException(nameof(files));
        Journal = journal ?? throw new ArgumentNullException(nameof(journal));
        _lock = held;
        _budget = budget ?? new RebuildBudget();
    }

    /// <inheritdoc/>
    public RunJournal Journal { get; }

    /// <summary>Starts a new run in an existing, writable directory; <paramref name="summarySections"/> as in <see cref="RunSummary.Render"/>.</summary>
    public static RunRecorder Start(string directory, RunStartedEvent started, Func<RunResult, string>? summarySections = null)
    {
        ArgumentNullException.ThrowIfNull(started);
        var held = RunDirectoryLock.Acquire(directory);
        try
        {
            var files = new RunDirectoryFiles(directory);
            files.Append(started);
            var recorder = new RunRecorder(files, new RunJournal(started), held, summarySections: summarySections);
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
    /// Starts a new run in <paramref name="staging"/>, a directory from <see cref="ResultStore.Stage"/>:
    /// logs the start event and writes run.json and summary.md there (each fsynced), then renames it
    /// to its final name while holding its lock. A run directory therefore always has its start
    /// event, so <c>--resume</c> can take it; a start killed before the rename leaves only the
    /// dot-named staged directory, which no listing shows.
    /// </summary>
    public static RunRecorder Create(ResultStore store, string staging, RunStartedEvent started, Func<RunResult, string>? summarySections = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(started);
        var held = RunDirectoryLock.Acquire(staging);
        try
        {
            var journal = new RunJournal(started);
            var files = new RunDirectoryFiles(staging);
            files.Append(started);
            new RunRecorder(files, journal, summarySections: summarySections).Rebuild();
            string directory = store.Publish(staging, started.RunId); // the lock's descriptor follows the directory
            return new RunRecorder(new RunDirectoryFiles(directory), journal, held, summarySections: summarySections);
        }
        catch
        {
            held.Dispose();
            ResultStore.TryRemoveStaged(staging); // a failed start leaves nothing behind when it can
            throw;
        }
    }

    /// <summary>
    /// Reopens a run from its events.jsonl, to resume it: takes the lock, cuts a torn last line,
    /// removes temporary files that a killed writer left behind, and rebuilds run.json and
    /// summary.md from the log (a killed writer may have left them behind it).
    /// </summary>
    public static RunRecorder Open(string directory, Func<RunResult, string>? summarySections = null)
    {
        var held = RunDirectoryLock.Acquire(directory);
        try
        {
            string events = Path.Combine(directory, ResultStore.EventsFile);
            EventLog.TruncateTornTail(events);
            ResultStore.SweepStaleTemporaries(directory);
            var recorder = new RunRecorder(new RunDirectoryFiles(directory), EventLog.Read(events), held, summarySections: summarySections);
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
    /// Brings run.json and summary.md up to the log if they lag it (any exit that is not a crash
    /// passes here), then lets go of the directory. A write that fails here is not reported: the
    /// log has every event, and <c>--resume</c> rebuilds from it.
    /// </summary>
    public void Dispose()
    {
        try
        {
            if (_budget.HasPending)
            {
                Rebuild();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the documents keep their last complete version; the log is the record
        }
        finally
        {
            _lock?.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Record(RunEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        long bytes = _files.Append(e);
        Journal.Apply(e);
        _budget.Logged(bytes);
        if (e is RunStatusEvent || _budget.IsDue)
        {
            Rebuild();
        }
    }

    /// <summary>Rewrites run.json and summary.md from the journal.</summary>
    public void Rebuild()
    {
        var run = RunAssembler.Build(Journal);
        long bytes = _files.Replace(ResultStore.RunFile, stream => ResultJson.Write(stream, run));
        bytes += _files.Replace(ResultStore.SummaryFile, stream => stream.Write(Encoding.UTF8.GetBytes(RunSummary.Render(run, _summarySections))));
        _budget.Rebuilt(bytes);
    }
}
