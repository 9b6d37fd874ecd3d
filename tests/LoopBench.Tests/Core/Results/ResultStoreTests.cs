using System.Text.Json;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Results;

public sealed class ResultStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lb-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WriteAtomic_ReplacesTheFile_LeavingNoTemporary()
    {
        string path = Path.Combine(_dir, "run.json");
        ResultStore.WriteAtomic(path, "{\"v\":1}");
        ResultStore.WriteAtomic(path, "{\"v\":2}");
        Assert.Equal("{\"v\":2}", File.ReadAllText(path));
        Assert.Equal(["run.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAtomic_WhenTheWriteFails_KeepsThePreviousVersion()
    {
        string path = Path.Combine(_dir, "run.json");
        ResultStore.WriteAtomic(path, "complete");
        Directory.CreateDirectory($"{path}.tmp-{Environment.ProcessId}"); // the temporary cannot be created
        var ex = Assert.ThrowsAny<Exception>(() => ResultStore.WriteAtomic(path, "new"));
        Assert.True(ex is IOException or UnauthorizedAccessException, ex.GetType().Name);
        Assert.Equal("complete", File.ReadAllText(path));
    }

    [Fact]
    public void Create_UnwritableRoot_SaysWhichDirectory()
    {
        string file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "x");
        var ex = Assert.Throws<IOException>(() => new ResultStore(file).Create("run"));
        Assert.Contains("is not writable", ex.Message, StringComparison.Ordinal);
        Assert.Contains(file, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventLog_OnAFullDisk_Throws()
    {
        Assert.SkipUnless(File.Exists("/dev/full"), "needs /dev/full");
        var started = FakeRepetitions.Started(1, FakeRepetitions.Settings());
        Assert.ThrowsAny<IOException>(() => EventLog.Append("/dev/full", started));
    }

    [Fact]
    public void EventLog_Replays_AndToleratesATornLastLine()
    {
        string path = Path.Combine(_dir, ResultStore.EventsFile);
        var started = FakeRepetitions.Started(2, FakeRepetitions.Settings());
        EventLog.Append(path, started);
        EventLog.Append(path, new RepetitionEvent(started.Utc, 1, 0, CaseOutcome.Passed, null, FakeRepetitions.Result(0, 5e9), null));
        File.AppendAllText(path, "{\"type\":\"repetition\",\"caseIn"); // a crash mid-write
        var journal = EventLog.Read(path);
        Assert.Equal(2, journal.Started.Cases.Count);
        var rep = Assert.Single(journal.Repetitions);
        Assert.Equal(5e9, rep.Result!.Metrics["throughputBitsPerSecond"]);
    }

    [Fact]
    public void Recorder_RebuildsASmallRunJsonAfterEveryEvent()
    {
        var started = FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 2));
        using var recorder = RunRecorder.Start(_dir, started);
        recorder.Record(new RepetitionEvent(started.Utc, 0, 0, CaseOutcome.Passed, null, FakeRepetitions.Result(0, 5e9), null));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, ResultStore.RunFile)));
        Assert.Equal("running", doc.RootElement.GetProperty("status").GetString());
        var c = doc.RootElement.GetProperty("cases")[0];
        Assert.Equal("pending", c.GetProperty("outcome").GetString());
        Assert.Equal(1, c.GetProperty("repetitions").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(_dir, ResultStore.SummaryFile)));
    }

    [Fact]
    public void Resume_AfterATornLastLine_KeepsTheNextRepetitionReadable()
    {
        string path = Path.Combine(_dir, ResultStore.EventsFile);
        var started = FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 3));
        using (var first = RunRecorder.Start(_dir, started))
        {
            first.Record(new RepetitionEvent(started.Utc, 0, 0, CaseOutcome.Passed, null, FakeRepetitions.Result(0, 5e9), null));
        }

        File.AppendAllText(path, "{\"type\":\"repetition\",\"caseIn"); // killed mid-append
        using (var resumed = RunRecorder.Open(_dir))
        {
            resumed.Record(new RepetitionEvent(started.Utc, 0, 1, CaseOutcome.Passed, null, FakeRepetitions.Result(1, 6e9), null));
        }

        var journal = EventLog.Read(path);
        Assert.Equal([0, 1], journal.Repetitions.Select(r => r.Index).ToArray());
        Assert.All(File.ReadAllLines(path), line => JsonDocument.Parse(line).Dispose());
    }

    [Fact]
    public void TruncateTornTail_LeavesACompleteLogAlone()
    {
        string path = Path.Combine(_dir, "log.jsonl");
        File.WriteAllText(path, "{}\n{}\n");
        Assert.Equal(0, EventLog.TruncateTornTail(path));
        File.AppendAllText(path, "{\"a\":");
        Assert.Equal(5, EventLog.TruncateTornTail(path));
        Assert.Equal("{}\n{}\n", File.ReadAllText(path));
    }

    [Fact]
    public void Open_WhileAnotherWriterHoldsTheRun_IsRefusedWithItsPid()
    {
        var started = FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 2));
        using var writer = RunRecorder.Start(_dir, started);

        var ex = Assert.Throws<RunLockedException>(() => RunRecorder.Open(_dir));
        Assert.Contains($"process {Environment.ProcessId}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SweepsTemporariesOfDeadWritersOnly()
    {
        var started = FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 2));
        using (RunRecorder.Start(_dir, started))
        {
        }

        string dead = Path.Combine(_dir, $"{ResultStore.RunFile}.tmp-{int.MaxValue}");
        string alive = Path.Combine(_dir, $"{ResultStore.RunFile}.tmp-1"); // pid 1 is always there
        File.WriteAllText(dead, string.Empty);
        File.WriteAllText(alive, string.Empty);
        using (RunRecorder.Open(_dir))
        {
        }

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(alive));
    }
}
