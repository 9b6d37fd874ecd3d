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
        Assert.False(clock.WaitUntil(signal, start + (100 * Ms), TestContext.Current.CancellationToken));
        // ManualResetEventSlim counts its timeout on Environment.TickCount, which reads CLOCK_MONOTONIC_COARSE:
        // one kernel tick (4 ms at HZ=250, 10 ms at HZ=100) of skew can end the wait that much early, plus the
        // 1 ms rounding. Callers re-read the clock and wait again (WindowWait.Deadline). A wait that did not wait
        // returns within microseconds, far below this bound; being descheduled only makes the wait longer.
        long waited = clock.NowTicks() - start;
        Assert.True(waited >= 88 * Ms, $"an unset signal's wait ended after {waited / (double)Ms:0.###} ms of 100");

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
