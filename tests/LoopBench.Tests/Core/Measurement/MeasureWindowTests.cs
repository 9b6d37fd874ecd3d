using LoopBench.Core.Measurement;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Measurement;

/// <summary>T0 and T1 read from the window's clock, checked to the tick on a fake one.</summary>
public sealed class MeasureWindowTests
{
    private const long S = FakeClock.StartTicks;
    private static readonly long Ms = Timestamps.FromTimeSpan(TimeSpan.FromMilliseconds(1));

    [Fact]
    public void OpenThenClose_StampsT0AndT1_FromTheClock()
    {
        var clock = new FakeClock();
        var window = new MeasureWindow(clock);
        clock.Advance(200 * Ms);
        window.Open();
        Assert.True(window.IsMeasuring);
        clock.Advance(1000 * Ms);
        window.Close();

        Assert.True(window.IsStopping);
        Assert.Equal((S + (200 * Ms), S + (1200 * Ms)), (window.T0Ticks, window.T1Ticks));
        Assert.Equal(1_000_000_000, window.ElapsedNs);
    }

    [Fact]
    public void CloseAt_TheLastOperationsTick_IsT1_ClampedBetweenT0AndNow()
    {
        var (clock, early) = Opened();
        clock.Advance(10 * Ms);
        early.CloseAt(S - Ms); // before T0: an empty window, never a negative one
        Assert.Equal(early.T0Ticks, early.T1Ticks);

        var (clock2, inside) = Opened();
        clock2.Advance(10 * Ms);
        inside.CloseAt(S + (4 * Ms));
        Assert.Equal(S + (4 * Ms), inside.T1Ticks);

        var (clock3, future) = Opened();
        clock3.Advance(10 * Ms);
        future.CloseAt(long.MaxValue);
        Assert.Equal(S + (10 * Ms), future.T1Ticks);
    }

    [Fact]
    public void Close_Twice_KeepsTheFirstT1()
    {
        var (clock, window) = Opened();
        clock.Advance(5 * Ms);
        window.Close();
        clock.Advance(5 * Ms);
        window.Close();
        Assert.Equal(S + (5 * Ms), window.T1Ticks);
    }

    [Fact]
    public void Close_DuringWarmUp_IsAnEmptyWindowAtThatTick()
    {
        var clock = new FakeClock();
        var window = new MeasureWindow(clock);
        clock.Advance(3 * Ms);
        window.Close();
        Assert.Equal((S + (3 * Ms), S + (3 * Ms)), (window.T0Ticks, window.T1Ticks));
        Assert.Equal(0, window.ElapsedNs);
    }

    [Fact(Timeout = 10_000)]
    public async Task WaitUntilOpen_ReturnsOnceOpened()
    {
        var clock = new FakeClock();
        var window = new MeasureWindow(clock);
        var waiter = Task.Run(window.WaitUntilOpen, TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(waiter.IsCompleted);
        window.Open();
        await waiter.DefaultTimeout();
    }

    private static (FakeClock Clock, MeasureWindow Window) Opened()
    {
        var clock = new FakeClock();
        var window = new MeasureWindow(clock);
        window.Open();
        return (clock, window);
    }
}
