using System.Diagnostics;
using LoopBench.Core.Measurement;

namespace LoopBench.Tests.Core.Measurement;

/// <summary>
/// The real clock against real time: what a fake clock cannot show. Bounds are generous (a shared
/// two-CPU host): only the direction of each wait is exact.
/// </summary>
public sealed class SystemClockTests
{
    private static readonly long Ms = Timestamps.FromTimeSpan(TimeSpan.FromMilliseconds(1));

    [Fact]
    public void NowTicks_IsTheStopwatchTimestamp()
    {
        long before = Stopwatch.GetTimestamp();
        long now = new SystemClock().NowTicks();
        long after = Stopwatch.GetTimestamp();
        Assert.InRange(now, before, after);
    }

    [Fact(Timeout = 10_000)]
    public void SleepUntil_ReturnsNoEarlierThanTheDeadline()
    {
        var clock = new SystemClock();
        long deadline = clock.NowTicks() + (2 * Ms);
        clock.SleepUntil(deadline);
        Assert.True(clock.NowTicks() >= deadline);
    }

    [Fact(Timeout = 10_000)]
    public void WaitUntil_ASetSignal_ReturnsTrueAtOnce_AnUnsetOne_FalseAtTheDeadline()
    {
        var clock = new SystemClock();
        using var signal = new ManualResetEventSlim(false);
        long start = clock.NowTicks();
        Assert.False(clock.WaitUntil(signal, start + (20 * Ms), TestContext.Current.CancellationToken));
        Assert.True(clock.NowTicks() - start >= 19 * Ms, "the wait rounds up to whole milliseconds; a timed wait may return up to one early");

        signal.Set();
        Assert.True(clock.WaitUntil(signal, clock.NowTicks() + (5_000 * Ms), TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 10_000)]
    public void WaitUntil_Cancelled_Throws()
    {
        var clock = new SystemClock();
        using var signal = new ManualResetEventSlim(false);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => clock.WaitUntil(signal, clock.NowTicks() + (5_000 * Ms), cancelled.Token));
    }
}
