using LoopBench.Core.History;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Results;

/// <summary>
/// A run directory gets its name only once its start event is in it: a start killed earlier
/// leaves a dot-named staged directory that no listing shows and the next run sweeps.
/// </summary>
public sealed class RunDirectoryCreationTests : IDisposable
{
    // Above the kernel's largest pid_max (2^22), so no process can ever have it.
    private const int DeadPid = 4_194_305;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Root => Path.Combine(_temp.Path, "results");

    [Fact]
    public void NormalStart_GivesTheDirectoryItsFinalName_WithTheStartEvent_AndResumeCanOpenIt()
    {
        var store = new ResultStore(Root);
        string runId = RunIds.New(DateTimeOffset.UtcNow);
        var started = FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 2)) with { RunId = runId };

        string staging = store.Stage(runId);
        Assert.StartsWith(ResultStore.StagingPrefix, Path.GetFileName(staging), StringComparison.Ordinal);
        Assert.False(Directory.Exists(store.RunDirectory(runId))); // no run directory before its start event

        using (var recorder = RunRecorder.Create(store, staging, started))
        {
            Assert.Equal([store.RunDirectory(runId)], Directory.GetDirectories(Root)); // renamed: nothing dot-named is left
            Assert.Throws<RunLockedException>(() => RunRecorder.Open(store.RunDirectory(runId))); // the lock moved with the directory
            recorder.Record(new RepetitionEvent(started.Utc, 0, 0, CaseOutcome.Passed, null, FakeRepetitions.Result(0, 5e9), null));
        }

        string directory = store.RunDirectory(runId);
        var journal = EventLog.Read(Path.Combine(directory, ResultStore.EventsFile));
        Assert.Equal(runId, journal.Started.RunId);
        Assert.Single(journal.Repetitions); // recorded after the rename, into the final directory
        Assert.Equal(runId, RunFileReader.Read(directory).RunId);
        using var resumed = RunRecorder.Open(directory);
        Assert.Single(resumed.Journal.Repetitions);
    }

    [Fact]
    public void StartKilledBeforeItsFirstEvent_LeavesOnlyAStagedDirectory_ThatListingsAndLastIgnore()
    {
        var store = new ResultStore(Root);

        // A run that completed, recorded in the history as last:main.
        string goodId = RunIds.New(DateTimeOffset.UtcNow);
        var good = FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 1)) with { RunId = goodId };
        using (var recorder = RunRecorder.Create(store, store.Stage(goodId), good))
        {
            recorder.Record(new RunStatusEvent(good.Utc, RunStatus.Completed, null));
        }

        string history = HistoryStore.DefaultPath(Root);
        string goodFile = Path.Combine(store.RunDirectory(goodId), ResultStore.RunFile);
        HistoryStore.RecordTo(history, RunFileReader.Read(goodFile), "main", goodFile);

        // A later start killed between creating its directory and logging its first event: what is
        // left is the staged directory, named after the dead process.
        string killedId = RunIds.New(DateTimeOffset.UtcNow.AddSeconds(1));
        string leftover = Path.Combine(Root, ResultStore.StagingName(killedId, DeadPid));
        Directory.Move(store.Stage(killedId), leftover);

        Assert.False(Directory.Exists(store.RunDirectory(killedId)));
        Assert.Equal(store.RunDirectory(goodId), RunLocator.Locate("last:main", history).Directory);
        var (runsCode, runs, runsErr) = CliHarness.Run("history", "runs", "--history", history);
        Assert.True(runsCode == 0, runsErr);
        Assert.Contains(goodId, runs, StringComparison.Ordinal);
        Assert.DoesNotContain(killedId, runs, StringComparison.Ordinal);

        var (resumeCode, _, resumeErr) = CliHarness.Run("run", "--resume", killedId, "--out", Root);
        Assert.Equal(2, resumeCode);
        Assert.Contains("before it recorded its start; nothing ran", resumeErr, StringComparison.Ordinal);

        // A staged directory of a live process is a start in progress: never swept.
        string inProgress = store.Stage(RunIds.New(DateTimeOffset.UtcNow.AddSeconds(2)));
        Assert.Equal([leftover], store.SweepAbandonedStarts());
        Assert.False(Directory.Exists(leftover));
        Assert.True(Directory.Exists(inProgress));
        Assert.True(File.Exists(goodFile));
    }

    [Fact]
    public void Sweep_LeavesAStagedDirectoryThatHoldsMoreThanAStartWrites()
    {
        var store = new ResultStore(Root);
        string leftover = Path.Combine(Root, ResultStore.StagingName("20261123T100000Z-abcdef", DeadPid));
        Directory.CreateDirectory(Path.Combine(leftover, "not-from-a-start"));

        Assert.Empty(store.SweepAbandonedStarts());
        Assert.True(Directory.Exists(Path.Combine(leftover, "not-from-a-start")));
    }
}
