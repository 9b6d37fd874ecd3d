using LoopBench.Core.Measurement;
using LoopBench.Core.Running;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>The warm-up's end on a fake clock: at the case's warm-up when the JIT is still, later while it compiles, never past the cap.</summary>
public sealed class WarmupEndTests
{
    private const long S = FakeClock.StartTicks;
    private static readonly long Ms = Timestamps.FromTimeSpan(TimeSpan.FromMilliseconds(1));

    [Fact]
    public void StillJit_EndsAtTheCasesWarmUp_AfterLookingOneStepBefore()
    {
        var clock = new FakeClock();
        var (wake, extended) = WarmupEnd.Wait(() => 7, S + (200 * Ms), settle: true, Sleep(clock));

        Assert.Equal((WindowWake.Deadline, 0L), (wake, extended));
        Assert.Equal([S + (150 * Ms), S + (200 * Ms)], clock.Sleeps);
    }

    [Fact]
    public void MovingJit_ExtendsByStepsUntilOneStepSawNoCompilation()
    {
        var clock = new FakeClock();
        long Compiled() => Math.Min(clock.NowTicks(), S + (320 * Ms)); // compiles until 320 ms

        var (wake, extended) = WarmupEnd.Wait(Compiled, S + (200 * Ms), settle: true, Sleep(clock));

        Assert.Equal((WindowWake.Deadline, 200 * Ms), (wake, extended));
        Assert.Equal([150, 200, 250, 300, 350, 400], clock.Sleeps.Select(t => (t - S) / Ms));
    }

    [Fact]
    public void JitThatNeverStops_IsCappedAtTheMaxExtension()
    {
        var clock = new FakeClock();

        var (_, extended) = WarmupEnd.Wait(clock.NowTicks, S + (200 * Ms), settle: true, Sleep(clock));

        Assert.Equal(WarmupEnd.MaxExtensionMs * Ms, extended);
        Assert.Equal(S + (200 * Ms) + (WarmupEnd.MaxExtensionMs * Ms), clock.NowTicks());
    }

    [Fact]
    public void NoSettle_WaitsForTheWarmUpAlone()
    {
        var clock = new FakeClock();

        var (wake, extended) = WarmupEnd.Wait(clock.NowTicks, S + (200 * Ms), settle: false, Sleep(clock));

        Assert.Equal((WindowWake.Deadline, 0L), (wake, extended));
        Assert.Equal([S + (200 * Ms)], clock.Sleeps);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnEarlyWake_EndsTheWarmUpAtOnce(bool workerEnded)
    {
        var early = workerEnded ? WindowWake.WorkerEnded : WindowWake.Cancelled;
        var clock = new FakeClock();
        int calls = 0;
        WindowWake Until(long deadline)
        {
            clock.SleepUntil(deadline);
            return ++calls == 3 ? early : WindowWake.Deadline;
        }

        var (wake, extended) = WarmupEnd.Wait(clock.NowTicks, S + (200 * Ms), settle: true, Until);

        Assert.Equal((early, 50 * Ms), (wake, extended));
        Assert.Equal(3, calls);
    }

    private static Func<long, WindowWake> Sleep(FakeClock clock) => deadline =>
    {
        clock.SleepUntil(deadline);
        return WindowWake.Deadline;
    };
}
