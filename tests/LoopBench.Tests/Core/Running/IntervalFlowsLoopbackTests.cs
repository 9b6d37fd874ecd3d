using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>Each interval of a parallel run carries every flow's bytes, and they add up to the interval's total.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class IntervalFlowsLoopbackTests
{
    [Fact(Timeout = 30_000)]
    public void ParallelStream_IntervalsCarryPerFlowBytes_ThatSumToTheTotal()
    {
        var c = new Case { Parallel = 3, DurationMs = 600, WarmupMs = 100, IntervalMs = 200 };
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == CaseOutcome.Passed, result.Reason);
        var intervals = result.Repetitions[0].Intervals;
        Assert.True(intervals.Count >= 2, $"{intervals.Count} intervals");
        Assert.All(intervals, i =>
        {
            Assert.Equal(3, i.FlowBytes!.Count);
            Assert.Equal(i.Bytes, i.FlowBytes.Sum());
        });
        Assert.All(Enumerable.Range(0, 3), f => Assert.True(intervals.Sum(i => i.FlowBytes![f]) > 0, $"flow {f} moved nothing"));

        var single = new Runner().RunCase(c with { Parallel = 1 }, cancellation: TestContext.Current.CancellationToken);
        Assert.All(single.Repetitions[0].Intervals, i => Assert.Null(i.FlowBytes));
    }
}
