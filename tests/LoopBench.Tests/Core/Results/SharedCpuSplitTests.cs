using LoopBench.Cli.Commands;
using LoopBench.Cli.Terminal;
using LoopBench.Core;
using LoopBench.Core.Engines;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Results;

public sealed class SharedCpuSplitTests
{
    private static RepetitionResult Rr(int index, double tps, int[] clientCpus, int[] serverCpus, int? pinnedTo = null) =>
        FakeRepetitions.Result(index, 0) with
        {
            Metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { [MetricIds.TransactionsPerSecond] = tps },
            Ends =
            [
                new EndResult("lb-c0-rr", EndRole.Client, pinnedTo, clientCpus, 0, 0, 10, 0, 0, 0, null),
                new EndResult("lb-s0-rr", EndRole.Server, pinnedTo, serverCpus, 0, 0, 10, 0, 0, 0, null),
            ],
        };

    [Fact]
    public void OneCpuInSomeRepetitions_NamesBothGroupsWithTheirMedians()
    {
        string? warning = SharedCpuSplit.Describe(
            [Rr(0, 65647.3, [0], [0]), Rr(1, 15000, [0], [1]), Rr(2, 16000, [1], [0]), Rr(3, 14000, [0, 1], [1])],
            MetricIds.TransactionsPerSecond);

        Assert.NotNull(warning);
        Assert.Contains("every end ran on one CPU in repetition 1 (65647.3 transactionsPerSecond)", warning, StringComparison.Ordinal);
        Assert.Contains("and not in repetitions 2, 3, 4 (median 15000 transactionsPerSecond)", warning, StringComparison.Ordinal);
        Assert.Contains("quick -A", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Throughput_IsShownInTheTablesUnit()
    {
        string? warning = SharedCpuSplit.Describe(
            [Rr(0, 0, [1], [1]) with { Metrics = new(StringComparer.Ordinal) { [MetricIds.ThroughputBitsPerSecond] = 20e9 } },
             Rr(1, 0, [0], [1]) with { Metrics = new(StringComparer.Ordinal) { [MetricIds.ThroughputBitsPerSecond] = 60.5e9 } }],
            MetricIds.ThroughputBitsPerSecond);

        Assert.Contains("repetition 1 (20.000 Gbit/s)", warning, StringComparison.Ordinal);
        Assert.Contains("repetition 2 (60.500 Gbit/s)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void SamePlacementEveryTime_SaysNothing()
    {
        Assert.Null(SharedCpuSplit.Describe([Rr(0, 1, [0], [1]), Rr(1, 2, [0, 1], [1]), Rr(2, 3, [1], [0])], MetricIds.TransactionsPerSecond));
        Assert.Null(SharedCpuSplit.Describe([Rr(0, 1, [0], [0]), Rr(1, 2, [1], [1])], MetricIds.TransactionsPerSecond));
    }

    [Fact]
    public void PinnedEnds_OrNoObservations_SayNothing()
    {
        Assert.Null(SharedCpuSplit.Describe([Rr(0, 1, [0], [0], pinnedTo: 0), Rr(1, 2, [0], [1], pinnedTo: 0)], MetricIds.TransactionsPerSecond));
        Assert.Null(SharedCpuSplit.Describe([Rr(0, 1, [], []), Rr(1, 2, [0], [1])], MetricIds.TransactionsPerSecond));
        Assert.Null(SharedCpuSplit.Describe([Rr(0, 1, [0], [0]), Rr(1, 2, [0], [1])], primary: null));
    }

    [Fact]
    public void RunSummary_CarriesTheWarningOfTheCase()
    {
        int[][] clientCpus = [[0], [0], [1]];
        var sink = new MemorySink(FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 3)));
        new ScenarioRunner(new Scripted((_, i) => Rr(i, i < 2 ? 60000 : 15000, clientCpus[i], [0])), sink).Run(CancellationToken.None);

        var run = RunAssembler.Build(sink.Journal);

        string warning = Assert.Single(run.Cases[0].Warnings!, w => w.StartsWith("placement varied:", StringComparison.Ordinal));
        Assert.Contains("one CPU in repetitions 1, 2 (median 60000 transactionsPerSecond), and not in repetition 3 (15000 ", warning, StringComparison.Ordinal);
        Assert.Contains(warning, RunSummary.Render(run), StringComparison.Ordinal);
    }

    [Fact]
    public void QuickTable_OfOneUnpinnedRepetitionOnOneCpu_SaysItIsAOneCpuFigure()
    {
        var c = new Case { Pattern = PatternKind.Rr }.Resolve();
        static CaseResult Of(Case c, RepetitionResult r) => new(c.Key, c, CaseOutcome.Passed, null, [r]);

        Assert.Contains("\nnote     the scheduler kept every end on cpu 1: a one-CPU figure", SummaryTable.Render(Of(c, Rr(0, 64000, [1], [1]))), StringComparison.Ordinal);
        Assert.DoesNotContain("one-CPU figure", SummaryTable.Render(Of(c, Rr(0, 15000, [0], [1]))), StringComparison.Ordinal);
        var sameCpu = new Case { Pattern = PatternKind.Rr, Placement = PlacementKind.SameCpu }.Resolve();
        Assert.DoesNotContain("one-CPU figure", SummaryTable.Render(Of(sameCpu, Rr(0, 64000, [1], [1], pinnedTo: 1))), StringComparison.Ordinal);
    }

    [Fact]
    public void QuickTable_WarnsBelowItsSummary()
    {
        var c = new Case { Pattern = PatternKind.Rr }.Resolve();
        List<RepetitionResult> reps = [Rr(0, 64000, [1], [1]), Rr(1, 15000, [0], [1]), Rr(2, 15500, [1], [0])];
        static CaseResult Quick(Case c, List<RepetitionResult> reps) => QuickCommand.WithSummaries(new CaseResult(c.Key, c, CaseOutcome.Passed, null, reps));

        string text = SummaryTable.Render(Quick(c, reps));

        Assert.Contains("\nwarning  placement varied: every end ran on one CPU in repetition 1 (64000 transactionsPerSecond), and not in repetitions 2, 3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", SummaryTable.Render(Quick(c, reps.Skip(1).ToList())), StringComparison.Ordinal);
    }

    private sealed class Scripted(Func<Case, int, RepetitionResult> result) : IRepetitionSource
    {
        public RepetitionOutcome Run(Case candidate, int index, CancellationToken cancellation) =>
            new(result(candidate, index), CaseOutcome.Passed, null);
    }
}
