using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

public sealed class ScenarioRunnerTests
{
    [Fact(Timeout = 10_000)]
    public void Repetitions_AreInterleavedInRounds_InASeededOrder()
    {
        var source = new FakeRepetitions();
        var sink = new MemorySink(FakeRepetitions.Started(4, FakeRepetitions.Settings(repetitions: 3, seed: 12345)));
        Assert.Equal(RunStatus.Completed, new ScenarioRunner(source, sink).Run(CancellationToken.None));

        Assert.Equal(12, source.Calls.Count);
        for (int round = 0; round < 3; round++)
        {
            var calls = source.Calls.Skip(round * 4).Take(4).ToList();
            Assert.All(calls, c => Assert.Equal(round, c.Index)); // every case's r-th repetition before any (r+1)-th
            Assert.Equal(4, calls.Select(c => c.Key).Distinct().Count());
        }

        // Shuffled, and the same seed gives the same order.
        var again = new FakeRepetitions();
        new ScenarioRunner(again, new MemorySink(FakeRepetitions.Started(4, FakeRepetitions.Settings(repetitions: 3, seed: 12345)))).Run(CancellationToken.None);
        Assert.Equal(source.Calls, again.Calls);
        Assert.NotEqual(RunPlan.Order(4, 12345, 0), RunPlan.Order(4, 12345, 1));

        var run = RunAssembler.Build(sink.Journal);
        Assert.All(run.Cases, c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.All(run.Cases, c => Assert.Equal([0, 1, 2], c.Repetitions.Select(r => r.Index)));
        Assert.All(run.Cases, c => Assert.True(c.Indicative));
    }

    [Fact(Timeout = 10_000)]
    public void Interruption_KeepsFinishedRepetitions_AndResumeReplaysTheSameOrder()
    {
        var settings = FakeRepetitions.Settings(repetitions: 3, seed: 777);
        var uninterrupted = new FakeRepetitions();
        new ScenarioRunner(uninterrupted, new MemorySink(FakeRepetitions.Started(3, settings))).Run(CancellationToken.None);

        using var cancellation = new CancellationTokenSource();
        var first = new FakeRepetitions { OnRun = (call, _) => { if (call == 5) { cancellation.Cancel(); } } };
        var sink = new MemorySink(FakeRepetitions.Started(3, settings));
        Assert.Equal(RunStatus.Interrupted, new ScenarioRunner(first, sink).Run(cancellation.Token));

        var interrupted = RunAssembler.Build(sink.Journal);
        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal(4, interrupted.Cases.Sum(c => c.Repetitions.Count)); // the 5th was cut: dropped
        Assert.All(interrupted.Cases, c => Assert.Equal(CaseOutcome.Interrupted, c.Outcome));

        var second = new FakeRepetitions();
        Assert.Equal(RunStatus.Completed, new ScenarioRunner(second, sink).Run(CancellationToken.None));
        Assert.Equal(uninterrupted.Calls, first.Calls.Take(4).Concat(second.Calls));
        var resumed = RunAssembler.Build(sink.Journal);
        Assert.Equal(RunStatus.Completed, resumed.Status);
        Assert.All(resumed.Cases, c => Assert.Equal([0, 1, 2], c.Repetitions.Select(r => r.Index).Order()));
    }

    [Fact(Timeout = 10_000)]
    public void FullDisk_StopsTheRun_KeepingWhatWasRecorded()
    {
        var sink = new MemorySink(FakeRepetitions.Started(2, FakeRepetitions.Settings(repetitions: 3))) { FailAfterEvents = 3 };
        Assert.Throws<IOException>(() => new ScenarioRunner(new FakeRepetitions(), sink).Run(CancellationToken.None));
        Assert.Equal(3, sink.Journal.Repetitions.Count);
    }

    [Fact(Timeout = 10_000)]
    public void UntilCi_StopsWhenNarrow_OrWarnsAtMaxReps()
    {
        // Case 0 is steady: narrow as soon as a finite 95 % interval exists (never below 6 values).
        // Case 1 alternates by ±20 % (never narrow).
        var source = new FakeRepetitions((c, i) => c.MessageBytes == 1000 ? 10e9 + i : i % 2 == 0 ? 8e9 : 12e9);
        var sink = new MemorySink(FakeRepetitions.Started(2, FakeRepetitions.Settings(repetitions: 3, untilCiWidth: 2, maxReps: 8)));
        new ScenarioRunner(source, sink).Run(CancellationToken.None);
        var run = RunAssembler.Build(sink.Journal);
        Assert.InRange(run.Cases[0].Repetitions.Count, Statistics.MinimumValuesForInterval(), 7); // 6 gives no finite interval in Perfolizer
        Assert.True(run.Cases[0].Summaries![run.Cases[0].PrimaryMetric!].CiWidthPercent <= 2);
        Assert.Null(run.Cases[0].Warnings);
        Assert.Equal(8, run.Cases[1].Repetitions.Count);
        Assert.True(run.Cases[1].Noisy);
        Assert.Contains(run.Cases[1].Warnings!, w => w.StartsWith("--max-reps 8 reached", StringComparison.Ordinal));
    }

    [Fact(Timeout = 20_000)]
    public void Timeout_FailsTheCase_AndTheRunGoesOn()
    {
        var source = new FakeRepetitions { OnRun = (call, token) => { if (call == 1) { token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)); } } };
        var sink = new MemorySink(FakeRepetitions.Started(2, FakeRepetitions.Settings(repetitions: 2, timeoutMs: 200)));
        Assert.Equal(RunStatus.Completed, new ScenarioRunner(source, sink).Run(CancellationToken.None));
        var run = RunAssembler.Build(sink.Journal);
        var failed = Assert.Single(run.Cases, c => c.Outcome == CaseOutcome.FailedCaseTimeout);
        Assert.Contains("timeout of 0.2 s", failed.Reason, StringComparison.Ordinal);
        Assert.Single(run.Cases, c => c.Outcome == CaseOutcome.Passed && c.Repetitions.Count == 2);
    }

    [Fact(Timeout = 10_000)]
    public void SkippedCase_IsAResult_AndTheRestRuns()
    {
        var source = new SkippingSource(new FakeRepetitions(), skipBytes: 1001);
        var sink = new MemorySink(FakeRepetitions.Started(3, FakeRepetitions.Settings(repetitions: 2)));
        Assert.Equal(RunStatus.Completed, new ScenarioRunner(source, sink).Run(CancellationToken.None));
        var run = RunAssembler.Build(sink.Journal);
        var skipped = Assert.Single(run.Cases, c => c.Outcome == CaseOutcome.SkippedPlacement);
        Assert.Empty(skipped.Repetitions);
        Assert.Equal("needs 2 CPUs", skipped.Reason);
        Assert.Equal(2, run.Cases.Count(c => c.Outcome == CaseOutcome.Passed && c.Repetitions.Count == 2));
    }

    private sealed class SkippingSource(FakeRepetitions inner, int skipBytes) : IRepetitionSource
    {
        public RepetitionOutcome Run(LoopBench.Core.Scenarios.Case candidate, int index, CancellationToken cancellation) =>
            candidate.MessageBytes == skipBytes
                ? new RepetitionOutcome(null, CaseOutcome.SkippedPlacement, "needs 2 CPUs")
                : inner.Run(candidate, index, cancellation);
    }
}
