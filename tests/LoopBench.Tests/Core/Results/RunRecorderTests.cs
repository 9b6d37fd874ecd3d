using System.Globalization;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Results;

/// <summary>
/// What recording costs, and what it guarantees: each event is in the log when recorded, run.json
/// is always a complete document, and it matches the log at every change of status, on dispose and
/// on resume, even where the rebuild budget let it lag in between.
/// </summary>
public sealed class RunRecorderTests : IDisposable
{
    private const int LongCase = 10_000;

    /// <summary>
    /// Bytes written per repetition, as a multiple of what the tenth cost, that recording may reach at
    /// any point of a long case; rewriting the whole run after each repetition passes it within a few
    /// hundred repetitions.
    /// </summary>
    private const double MaxCostRatio = 4;

    private readonly string _dir = Directory.CreateTempSubdirectory("lb-rec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact(Timeout = 60_000)]
    public void Record_TenThousandRepetitionsOfOneCase_WriteAboutWhatTheTenthWrote()
    {
        var started = FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: LongCase, maxReps: LongCase));
        var files = new CountingRunFiles();
        using var recorder = new RunRecorder(files, new RunJournal(started));
        recorder.Rebuild();
        long tenth = 0;
        long afterTenth = 0;
        long halfway = 0;
        for (int i = 0; i < LongCase; i++)
        {
            long before = files.BytesWritten;
            recorder.Record(Passed(started, i));
            if (i == 9)
            {
                tenth = files.BytesWritten - before;
                afterTenth = files.BytesWritten;
            }
            else if (i > 9)
            {
                long since = files.BytesWritten - afterTenth;
                if (since > MaxCostRatio * tenth * (i - 9))
                {
                    Assert.Fail(Text($"repetitions 11 to {i + 1} wrote {since} bytes, {since / (i - 9.0):0} per repetition; the tenth wrote {tenth}"));
                }
            }

            if (i == (LongCase / 2) - 1)
            {
                halfway = files.BytesWritten;
            }
        }

        double perRepetitionAtTheEnd = (files.BytesWritten - halfway) / (LongCase / 2.0);
        Assert.True(perRepetitionAtTheEnd <= MaxCostRatio * tenth, Text($"{perRepetitionAtTheEnd:0} bytes per repetition near 10,000; the tenth wrote {tenth}"));
        Assert.True(files.RunFileRebuilds < LongCase / 10, Text($"{files.RunFileRebuilds} rebuilds")); // lagging, as the budget allows
    }

    [Fact(Timeout = 30_000)]
    public void Record_WhileRunJsonLags_ItStaysCompleteAndEveryStatusBringsItUpToTheLog()
    {
        var started = FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 100, maxReps: 100));
        using var recorder = Writer(started);
        int lagging = 0;
        for (int i = 0; i < 100; i++)
        {
            recorder.Record(Passed(started, i));
            var shown = RunFileReader.Read(_dir); // complete and valid after every event
            int count = shown.Cases.Single().Repetitions.Count;
            Assert.InRange(count, 0, i + 1);
            lagging += count < i + 1 ? 1 : 0;
            Assert.Equal(i + 1, EventLog.Read(Path.Combine(_dir, ResultStore.EventsFile)).Repetitions.Count); // durable when recorded
        }

        Assert.True(lagging > 0, "the test's budget never let run.json lag");
        recorder.Record(new RunStatusEvent(started.Utc, RunStatus.Interrupted, null));
        var run = RunFileReader.Read(_dir);
        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.Equal(100, run.Cases.Single().Repetitions.Count);
        Assert.Contains("| 100 |", File.ReadAllText(Path.Combine(_dir, ResultStore.SummaryFile)), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
    }

    [Fact(Timeout = 30_000)]
    public void Dispose_WhenRunJsonLagsTheLog_RebuildsItFromTheLog()
    {
        var started = FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 50, maxReps: 50));
        using (var recorder = Writer(started))
        {
            for (int i = 0; i < 50; i++)
            {
                recorder.Record(Passed(started, i));
            }

            Assert.True(RunFileReader.Read(_dir).Cases.Single().Repetitions.Count < 50, "the test's budget never let run.json lag");
        }

        Assert.Equal(50, RunFileReader.Read(_dir).Cases.Single().Repetitions.Count);
    }

    [Fact(Timeout = 30_000)]
    public void Open_AfterAKilledWriterLeftRunJsonBehindTheLog_RebuildsItFromTheLog()
    {
        var started = FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 50, maxReps: 50));
        var killed = Writer(started); // never disposed: its process died
        for (int i = 0; i < 50; i++)
        {
            killed.Record(Passed(started, i));
        }

        Assert.True(RunFileReader.Read(_dir).Cases.Single().Repetitions.Count < 50, "the test's budget never let run.json lag");
        using (RunRecorder.Open(_dir))
        {
            Assert.Equal(50, RunFileReader.Read(_dir).Cases.Single().Repetitions.Count);
        }
    }

    /// <summary>A recorder on the test's directory whose budget lets run.json lag the log (as a long run's would), without the lock.</summary>
    private RunRecorder Writer(RunStartedEvent started)
    {
        var files = new RunDirectoryFiles(_dir);
        files.Append(started);
        var recorder = new RunRecorder(files, new RunJournal(started), budget: new RebuildBudget(amplificationFactor: 1, allowanceBytes: 0));
        recorder.Rebuild();
        return recorder;
    }

    private static RepetitionEvent Passed(RunStartedEvent started, int index) =>
        new(started.Utc.AddSeconds(index), 0, index, CaseOutcome.Passed, null, FakeRepetitions.Result(index, 1e9 + index), null);

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
