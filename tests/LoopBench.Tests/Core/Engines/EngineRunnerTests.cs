using LoopBench.Core.Engines;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Engines;

/// <summary>
/// Every in-process engine runs both patterns through the real Runner, and the pooled ones refuse to
/// pin. The inline engines need a child process (CaseExecutorTests covers them).
/// </summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class EngineRunnerTests
{
    [Theory(Timeout = 20_000)]
    [InlineData(EngineKind.Async, PatternKind.Stream)]
    [InlineData(EngineKind.Async, PatternKind.Rr)]
    [InlineData(EngineKind.Pipelines, PatternKind.Stream)]
    [InlineData(EngineKind.Pipelines, PatternKind.Rr)]
    [InlineData(EngineKind.NetworkStream, PatternKind.Stream)]
    [InlineData(EngineKind.NetworkStream, PatternKind.Rr)]
    public void RunCase_Engine_PassesAndMovesBytes(EngineKind engine, PatternKind pattern)
    {
        // The pooled engines wait for pool threads, which the whole suite running in parallel can hold for
        // longer than the short cases' 300 ms (seen once in CI: 0 bytes): a 1 s window here, and ThreadPoolHeadroom raises the pool's floor.
        var result = new Runner().RunCase(QuickCases.Short(new Case { Engine = engine, Pattern = pattern }) with { DurationMs = 1_000 }, 1, TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        var repetition = Assert.Single(result.Repetitions);
        Assert.True(repetition.Metrics[MetricIds.Bytes] > 0,
            $"no bytes in a {repetition.ElapsedNs / 1e6:0.#} ms window; ends: {string.Join("; ", repetition.Ends.Select(e => $"{e.Name} calls {e.SendCalls}/{e.ReceiveCalls} bytes {e.Bytes}"))}");
        Assert.All(repetition.Ends, e => Assert.Null(e.Failure));
    }

    [Theory(Timeout = 10_000)]
    [InlineData(EngineKind.Async, PlacementKind.SameCpu)]
    [InlineData(EngineKind.Pipelines, PlacementKind.Split)]
    [InlineData(EngineKind.PipelinesInline, PlacementKind.SameCpu)]
    [InlineData(EngineKind.NetworkStream, PlacementKind.Split)]
    public void RunCase_PooledEngineWithPinnedPlacement_IsSkippedWithReason(EngineKind engine, PlacementKind placement)
    {
        var result = new Runner(allowedCpus: [0, 1]).RunCase(QuickCases.Short(new Case { Engine = engine, Placement = placement }), 1, TestContext.Current.CancellationToken);
        Assert.Equal(CaseOutcome.SkippedEnginePlacement, result.Outcome);
        Assert.Contains("cannot pin", result.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Repetitions);
        Assert.Equal(CaseOutcome.SkippedEnginePlacement, new Runner(allowedCpus: [0, 1]).RunRepetition(result.Case, 0, TestContext.Current.CancellationToken).Outcome);
    }

    [Theory(Timeout = 5_000)]
    [InlineData("async", EngineKind.Async)]
    [InlineData("pipelines", EngineKind.Pipelines)]
    [InlineData("pipelines-inline", EngineKind.PipelinesInline)]
    [InlineData("networkstream", EngineKind.NetworkStream)]
    public void EngineParameter_AcceptsTheNewIds(string id, EngineKind expected)
    {
        Assert.Equal(expected, CaseParameters.Apply(new Case(), "engine", id).Engine);
        Assert.Equal(expected, EngineFactory.Create(expected).Kind);
    }

    [Fact(Timeout = 5_000)]
    public void PlacementSkipReason_BlockingOrUnpinned_IsNull()
    {
        Assert.Null(EngineFactory.PlacementSkipReason(EngineKind.Blocking, PlacementKind.Split));
        Assert.Null(EngineFactory.PlacementSkipReason(EngineKind.Async, PlacementKind.Unpinned));
    }
}
