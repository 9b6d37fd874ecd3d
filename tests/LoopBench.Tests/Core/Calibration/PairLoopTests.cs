using LoopBench.Core.Calibration;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Calibration;

/// <summary>The quiet-host gate around pairs, driven by a fake CPU source: clean, disturbed and repeated, capped.</summary>
public sealed class PairLoopTests
{
    [Fact(Timeout = 5_000)]
    public void Run_QuietHost_EveryPairIsCleanAndTheOrderAlternates()
    {
        var order = new List<string>();
        var cpu = FakeCpuSource.Constant(1);
        var result = Loop(cpu).Run(10, 10, i => Lb(i, order), i => Tool(i, order), [4242], null, TestContext.Current.CancellationToken);

        Assert.Equal(10, result.Clean.Count);
        Assert.Equal(10, result.Pairs.Count);
        Assert.All(result.Pairs, p => Assert.False(p.Disturbed));
        Assert.All(result.Pairs, p => Assert.Equal(1, p.Load.OutsidePercentOfOneCpu));
        Assert.Equal(["lb0", "tool0", "tool1", "lb1", "lb2", "tool2"], order.Take(6));
        Assert.Equal([true, false, true], result.Pairs.Take(3).Select(p => p.LoopBenchFirst));
        Assert.All(cpu.Pids, pids => Assert.Equal([4242], pids)); // the tool's server counts as under test
    }

    [Fact(Timeout = 5_000)]
    public void Run_HogDuringSomePairs_MarksThemDisturbedAndRunsMore()
    {
        // pair k's window is read 2k → 2k+1: two busy loops during pairs 1 and 4
        var cpu = new FakeCpuSource(window => window is 2 or 8 ? 195 : 0);
        var result = Loop(cpu).Run(10, 10, i => Lb(i), i => Tool(i), [], null, TestContext.Current.CancellationToken);

        Assert.Equal(10, result.Clean.Count);
        Assert.Equal(12, result.Pairs.Count);
        Assert.Equal([1, 4], result.Pairs.Where(p => p.Disturbed).Select(p => p.Index));
        Assert.Equal(195, result.Pairs[1].Load.OutsidePercentOfOneCpu);
        Assert.Equal(12, result.LoopBench.Count); // disturbed repetitions are kept
        Assert.DoesNotContain(result.Clean, p => p.LoopBench.Index is 1 or 4); // but not used
    }

    [Fact(Timeout = 5_000)]
    public void Run_HogThroughout_StopsAtTheCapWithNoCleanPairs()
    {
        var result = Loop(FakeCpuSource.Constant(190)).Run(10, 10, i => Lb(i), i => Tool(i), [], null, TestContext.Current.CancellationToken);
        Assert.Empty(result.Clean);
        Assert.Equal(20, result.Pairs.Count);
        Assert.All(result.Pairs, p => Assert.True(p.Disturbed));
        Assert.Null(result.Failure);
    }

    [Fact(Timeout = 5_000)]
    public void Run_Steal_DisturbsToo()
    {
        var result = Loop(FakeCpuSource.Constant(0, stealPercent: 20)).Run(2, 1, i => Lb(i), i => Tool(i), [], null, TestContext.Current.CancellationToken);
        Assert.Empty(result.Clean);
        Assert.Equal(20, result.Pairs[0].Load.StealPercentOfOneCpu);
    }

    [Fact(Timeout = 5_000)]
    public void Run_ASideFails_StopsWithItsReason()
    {
        var result = Loop(FakeCpuSource.Constant(0)).Run(5, 5, i => Lb(i), i => i == 2 ? SideRun.Failed(CaseOutcome.FailedTool, "iperf3 exited with 1") : Tool(i), [], null, TestContext.Current.CancellationToken);
        Assert.Equal(2, result.Clean.Count);
        Assert.Equal(((CaseOutcome?)CaseOutcome.FailedTool, "iperf3 exited with 1"), (result.FailureOutcome, result.Failure));
    }

    private static PairLoop Loop(ICpuSource cpu) => new(new QuietHostGate(5), cpu);

    private static SideRun Lb(int i, List<string>? order = null)
    {
        order?.Add($"lb{i}");
        var rep = FakeRepetitions.Result(i, 1e9);
        return new SideRun(rep, rep.Metrics, null, null);
    }

    private static SideRun Tool(int i, List<string>? order = null)
    {
        order?.Add($"tool{i}");
        return new SideRun(null, new Dictionary<string, double> { [MetricIds.ThroughputBitsPerSecond] = 1e9 }, null, null);
    }
}
