using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Workloads;

/// <summary>
/// The pacing loop on a fake clock: every datagram's intended and actual send tick is known exactly,
/// so the schedule, the catch-up after a stall and the window's edges are checked to the tick.
/// </summary>
public sealed class PacedSenderTests
{
    private const int MessageBytes = 64;
    private const long S = FakeClock.StartTicks;
    private static readonly long Ms = Timestamps.FromTimeSpan(TimeSpan.FromMilliseconds(1));

    [Fact(Timeout = 10_000)]
    public void RunAsync_AThousandPerSecond_SendsEachDatagramOnItsMillisecond()
    {
        var (clock, channel, end, window) = Sender();
        window.Open();
        clock.At(S + (100 * Ms), window.Close);

        Run(clock, end, window, rate: 1000);

        var counted = channel.Datagrams.Where(d => d.InWindow).ToList();
        Assert.Equal(100, counted.Count);
        for (int n = 0; n < counted.Count; n++)
        {
            Assert.Equal(n, counted[n].Sequence);
            Assert.Equal(S + (n * Ms), counted[n].IntendedTicks);
            Assert.Equal(S + (n * Ms), counted[n].ActualTicks); // woken exactly at the deadline, sent at once
            Assert.Equal(counted[n].StartedTicks, counted[n].ActualTicks);
        }

        // Sleeps go to each deadline in turn; the first datagram is due at the start and needs none.
        Assert.Equal(Enumerable.Range(1, 100).Select(n => S + (n * Ms)), clock.Sleeps);
        var stats = end.Datagrams!;
        Assert.Equal(100, stats.SentInWindow);
        Assert.Equal((0, 99), (stats.FirstSequence, stats.LastSequence));
        Assert.Equal(100, stats.WakeUps);
        Assert.Equal(0, stats.LateNsTotal);
        Assert.Equal(1, stats.MaxBurst);
        Assert.Equal(0, stats.BlockedSends);
        Assert.Equal(100L * MessageBytes, end.Counters.Bytes);
    }

    [Fact(Timeout = 10_000)]
    public void RunAsync_WokenAtT1_SendsTheDueDatagramUncounted_ThenEndMarkers()
    {
        var (clock, channel, end, window) = Sender();
        window.Open();
        clock.At(S + (100 * Ms), window.Close);

        Run(clock, end, window, rate: 1000);

        // The sleep that T1 interrupts still sends its datagram: outside the window, so the receiver drops it.
        var late = Assert.Single(channel.Datagrams, d => !d.InWindow);
        Assert.Equal((100, S + (100 * Ms)), (late.Sequence, late.ActualTicks));
        Assert.Equal(3, channel.Sends.Count(s => s.Sequence == DatagramHeader.EndMarker));
        Assert.Equal(DatagramHeader.EndMarker, channel.Sends[^1].Sequence);
        Assert.Equal(S + (100 * Ms), window.T1Ticks);
    }

    [Fact(Timeout = 10_000)]
    public void RunAsync_AfterAStall_SendsEveryMissedDatagramAtOnce_ThenKeepsTheOriginalGrid()
    {
        var (clock, channel, end, window) = Sender();
        long cost = channel.SendCostTicks;
        long stall = 5 * Ms + (Ms / 2);
        channel.StallAt(10, stall); // datagram 10's send blocks 5.5 ms: 11..15 fall due meanwhile
        window.Open();
        clock.At(S + (30 * Ms), window.Close);

        Run(clock, end, window, rate: 1000);

        var sent = channel.Datagrams.Where(d => d.InWindow).ToDictionary(d => d.Sequence);
        Assert.Equal(30, sent.Count); // nothing skipped: 0..29, every one once
        long resumed = S + (10 * Ms) + cost + stall;
        for (int k = 0; k < 5; k++)
        {
            // Back to back, each stamped with its own intended tick, so its latency shows the stall.
            Assert.Equal(S + ((11 + k) * Ms), sent[11 + k].IntendedTicks);
            Assert.Equal(resumed + (k * cost), sent[11 + k].ActualTicks);
        }

        for (int n = 16; n < 30; n++)
        {
            Assert.Equal(S + (n * Ms), sent[n].ActualTicks); // absolute deadlines: the stall leaves no drift
        }

        var stats = end.Datagrams!;
        Assert.Equal(5, stats.MaxBurst);
        Assert.Equal(1, stats.BlockedSends);
        Assert.Equal(Timestamps.ToNs(cost + stall), stats.BlockedNs);
        Assert.Equal(Timestamps.ToNs(resumed - (S + (11 * Ms))), stats.LateNsTotal); // the one late wake-up
        Assert.Equal(stats.LateNsTotal, stats.MaxLateNs);
    }

    [Fact(Timeout = 10_000)]
    public void RunAsync_StartedDuringWarmUp_CountsExactlyTheSendsInsideTheWindow()
    {
        var (clock, channel, end, window) = Sender();
        clock.At(S + (5 * Ms) + (Ms / 2), window.Open);
        clock.At(S + (15 * Ms) + (Ms / 2), window.Close);

        Run(clock, end, window, rate: 1000);

        var datagrams = channel.Datagrams.ToList();
        Assert.Equal(17, datagrams.Count); // 0..16: the sleep to 16 ms is the one T1 interrupts
        Assert.All(datagrams, d => Assert.Equal(d.Sequence is >= 6 and <= 15, d.InWindow));
        Assert.Equal(S + (5 * Ms) + (Ms / 2), window.T0Ticks);
        Assert.Equal(S + (15 * Ms) + (Ms / 2), window.T1Ticks);
        Assert.Equal((6, 15), (end.Datagrams!.FirstSequence, end.Datagrams.LastSequence));
        Assert.Equal(10, end.Datagrams.WakeUps);
    }

    [Fact(Timeout = 10_000)]
    public void RunAsync_RateZero_SendsBackToBack_AndNeverSleeps()
    {
        var (clock, channel, end, window) = Sender();
        long cost = channel.SendCostTicks;
        window.Open();
        clock.At(S + (50 * cost), window.Close);

        Run(clock, end, window, rate: 0);

        var datagrams = channel.Datagrams.ToList();
        Assert.Equal(50, datagrams.Count); // the 50th send ends at T1; having started inside, it counts
        Assert.All(datagrams, d => Assert.True(d.InWindow));
        Assert.Equal(Enumerable.Range(0, 50).Select(k => S + (k * cost)), datagrams.Select(d => d.ActualTicks));
        Assert.Empty(clock.Sleeps);
        Assert.Equal(0, end.Datagrams!.WakeUps);
    }

    [Fact(Timeout = 10_000)]
    public void RunAsync_ByteLimit_SendsExactlyTheShare_OnSchedule_WithoutClosingTheWindow()
    {
        var (clock, channel, end, window) = Sender();
        window.Open();

        Run(clock, end, window, rate: 1000, byteLimit: 10L * MessageBytes);

        var datagrams = channel.Datagrams.ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(n => S + (n * Ms)), datagrams.Select(d => d.ActualTicks));
        Assert.Equal(10L * MessageBytes, datagrams.Sum(d => d.Bytes));
        Assert.True(window.IsMeasuring, "the coordinator, not the sender, closes the window");
    }

    [Theory(Timeout = 10_000)]
    [InlineData(7.0, 7_000)]
    [InlineData(3_000.0, 30_000)]
    public void RunAsync_ARateThatDoesNotDivideASecond_NeverDriftsMoreThanATick(double rate, int count)
    {
        var (clock, channel, end, window) = Sender();
        window.Open();

        Run(clock, end, window, rate, byteLimit: (long)count * MessageBytes);

        var datagrams = channel.Datagrams.ToList();
        Assert.Equal(count, datagrams.Count);
        double ticksPerSecond = Timestamps.FromTimeSpan(TimeSpan.FromSeconds(1));
        for (int n = 0; n < count; n++)
        {
            double exact = S + (n * ticksPerSecond / rate);
            Assert.InRange(datagrams[n].ActualTicks, exact - 1, exact + 1);
        }
    }

    private static (FakeClock Clock, RecordingChannel Channel, WorkloadEnd End, MeasureWindow Window) Sender()
    {
        var clock = new FakeClock();
        var channel = new RecordingChannel(clock);
        var end = new WorkloadEnd("lb-c0-tx", EndRole.Client, EndDirection.Send, channel) { Datagrams = new DatagramCounters() };
        return (clock, channel, end, new MeasureWindow(clock));
    }

    private static void Run(FakeClock clock, WorkloadEnd end, MeasureWindow window, double rate, long byteLimit = 0)
    {
        var p = new WorkloadParameters(MessageBytes, 0, 0) { MessageBoundaries = true, RatePerSecond = rate };
        var run = PacedSender.RunAsync(clock, end, new byte[MessageBytes], p, window, byteLimit);
        Assert.True(run.IsCompletedSuccessfully, "the fake channel completes every send synchronously");
        Assert.Null(end.Failure);
    }
}
