using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>
/// The runner's warm-up, T0, interval deadlines and T1 on a fake clock: the workers move real bytes
/// over loopback, but every deadline the coordinator waits for, and so every edge it records, is exact.
/// </summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class WindowTimingLoopbackTests
{
    private const long S = FakeClock.StartTicks;
    private static readonly long Ms = Timestamps.FromTimeSpan(TimeSpan.FromMilliseconds(1));

    [Fact(Timeout = 20_000)]
    public void RunCase_OnAFakeClock_OpensAtWarmUpEnd_SamplesEachInterval_AndClosesAtT1Exactly()
    {
        var clock = new FakeClock();
        var c = new Case { WarmupMs = 200, DurationMs = 1000, IntervalMs = 300 };
        var runner = new Runner(new RunnerOptions { Clock = clock, KernelCounters = false, CompiledMethods = StillJit });

        var result = runner.RunCase(c, cancellation: TestContext.Current.CancellationToken);

        AssertMeasured(result);
        var rep = result.Repetitions[0];
        // One JIT look a step before the warm-up's end, the warm-up's end (T0), then each interval's end from T0, the last one cut short at T1.
        Assert.Equal([S + (150 * Ms), S + (200 * Ms), S + (500 * Ms), S + (800 * Ms), S + (1100 * Ms), S + (1200 * Ms)], clock.Waits);
        Assert.Equal(1_000_000_000, rep.ElapsedNs);
        long[] edgesMs = [0, 300, 600, 900, 1000];
        Assert.Equal(edgesMs.Length - 1, rep.Intervals.Count);
        for (int i = 0; i < rep.Intervals.Count; i++)
        {
            Assert.Equal((edgesMs[i] * 1_000_000, edgesMs[i + 1] * 1_000_000), (rep.Intervals[i].StartNs, rep.Intervals[i].EndNs));
        }
    }

    [Fact(Timeout = 20_000)]
    public void RunCase_OnAFakeClock_WithoutIntervals_WaitsOnlyForT0AndT1()
    {
        var clock = new FakeClock();
        var c = new Case { WarmupMs = 50, DurationMs = 400, IntervalMs = 0 };
        var runner = new Runner(new RunnerOptions { Clock = clock, KernelCounters = false, CompiledMethods = StillJit });

        var result = runner.RunCase(c, cancellation: TestContext.Current.CancellationToken);

        AssertMeasured(result);
        Assert.Equal([S + (50 * Ms), S + (450 * Ms)], clock.Waits);
        Assert.Equal(400_000_000, result.Repetitions[0].ElapsedNs);
        Assert.Empty(result.Repetitions[0].Intervals);
    }

    [Fact(Timeout = 20_000)]
    public void RunCase_OnAFakeClock_CancelledMidInterval_ClosesTheWindowAtThatTick()
    {
        var clock = new FakeClock();
        using var cancel = new CancellationTokenSource();
        clock.At(S + (50 * Ms) + (230 * Ms), cancel.Cancel); // 230 ms into the window, inside its third interval
        var c = new Case { WarmupMs = 50, DurationMs = 30_000, IntervalMs = 100 };
        var runner = new Runner(new RunnerOptions { Clock = clock, KernelCounters = false, CompiledMethods = StillJit });

        var result = runner.RunCase(c, cancellation: cancel.Token);

        Assert.Equal(CaseOutcome.Interrupted, result.Outcome);
        var rep = Assert.Single(result.Repetitions);
        Assert.Equal(230_000_000, rep.ElapsedNs);
        Assert.Equal([(0L, 100_000_000L), (100_000_000L, 200_000_000L), (200_000_000L, 230_000_000L)], rep.Intervals.Select(i => (i.StartNs, i.EndNs)));
    }

    [Fact(Timeout = 20_000)]
    public void RunCase_OnAFakeClock_WhileTheRuntimeCompiles_OpensWhenTheJitCountStaysStillAndRecordsTheExtension()
    {
        var clock = new FakeClock();
        var c = new Case { WarmupMs = 200, DurationMs = 400, IntervalMs = 0 };
        long Compiled() => Math.Min(clock.NowTicks(), S + (320 * Ms)); // compiling until 320 ms
        var runner = new Runner(new RunnerOptions { Clock = clock, KernelCounters = false, CompiledMethods = Compiled });

        var result = runner.RunCase(c, cancellation: TestContext.Current.CancellationToken);

        AssertMeasured(result);
        Assert.Equal([150, 200, 250, 300, 350, 400, 800], clock.Waits.Select(t => (t - S) / Ms));
        Assert.Equal(200_000_000, result.Repetitions[0].Runtime?.WarmupExtendedNs);
        Assert.Equal(400_000_000, result.Repetitions[0].ElapsedNs);
    }

    private static long StillJit() => 0;

    /// <summary>
    /// Passed, or failed only because nothing moved: a fake-clock window lasts microseconds of real
    /// time, so whether a byte lands inside it is chance (the idle-window verdict has its own tests).
    /// </summary>
    private static void AssertMeasured(CaseResult result) =>
        Assert.True(result.Outcome is CaseOutcome.Passed or CaseOutcome.FailedNoTraffic, $"{result.Outcome}: {result.Reason}");
}
