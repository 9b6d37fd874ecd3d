using System.Net;
using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>UDP loss shown both ways, and crr at thousands of connections/s.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class LossAndRateLoopbackTests
{
    [Fact(Timeout = 20_000)]
    public async Task UdpFlood_IntoAMinimalReceiveBuffer_OnOneCpu_LosesDatagrams()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Udp4, IPAddress.Loopback), TimeSpan.FromSeconds(5));
        pair.Server.ReceiveBufferSize = 1; // the kernel rounds up to its minimum (~2 KiB): a datagram or two
        pair.Server.ReceiveTimeout = 20;
        pair.Client.ReceiveTimeout = 20;
        var engine = EngineFactory.Create(EngineKind.Blocking);
        using var client = engine.Open(pair.Client);
        using var server = engine.Open(pair.Server);
        var window = new MeasureWindow();
        var p = new WorkloadParameters(1472, 0, 0) { MessageBoundaries = true };
        var ends = new DatagramStreamWorkload().CreateEnds(new WorkloadContext(p, client, server, window));
        int cpu = LoopBench.Core.Interop.CpuAffinity.GetAllowedCpus()[0];
        using var barrier = new Barrier(ends.Count + 1);
        var workers = ends.Select(e => engine.Start(new WorkerSpec(e.Name, cpu, e.Body, barrier, TimeSpan.FromSeconds(10)))).ToArray();
        Assert.True(barrier.SignalAndWait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        window.Open();
        await Task.Delay(200, TestContext.Current.CancellationToken);
        window.Close();
        await Task.WhenAll(workers.Select(w => w.Completion)).DefaultTimeout();
        long sent = ends[0].Datagrams!.SentInWindow;
        long received = ends[1].Datagrams!.UniqueReceived;
        Assert.True(sent > 100, $"sent {sent}");
        Assert.True(received < sent, $"a flood into a {pair.Server.ReceiveBufferSize}-byte buffer on one CPU lost nothing: {received} of {sent}");
        Assert.Equal(0, ends[1].Datagrams!.Duplicates);
    }

    [Fact(Timeout = 30_000)]
    public void UdpFlood_Intervals_CountLostAndTotalDatagrams_AsTheWindowDoes()
    {
        // a minimal receive buffer and both ends on one CPU: the flood loses datagrams as it goes
        var c = new Case
        {
            Transport = TransportKind.Udp4, MessageBytes = 64, Placement = PlacementKind.SameCpu,
            ServerKnobs = new SocketKnobs { ReceiveBufferBytes = 4096 }, DurationMs = 600, WarmupMs = 100, IntervalMs = 200,
        };
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == CaseOutcome.Passed, result.Reason);
        var rep = result.Repetitions[0];
        var m = rep.Metrics;
        Assert.True(rep.Intervals.Count >= 2);
        Assert.All(rep.Intervals, i => Assert.True(i.Datagrams > 0, $"interval {i.StartNs}: {i.Datagrams} datagrams"));
        long lost = rep.Intervals.Sum(i => i.LostDatagrams!.Value);
        long advanced = rep.Intervals.Sum(i => i.Datagrams!.Value);
        long windowLost = (long)m[MetricIds.DatagramsLost];
        Assert.True(lost > 0, $"the intervals saw no loss; the window lost {windowLost}");
        // Gaps are behind the highest datagram received by T1, so they are at most the window's loss
        // (plus one counted early at the last sample); what they miss lies past that highest one.
        Assert.InRange(lost, windowLost - ((long)m[MetricIds.DatagramsSent] - advanced), windowLost + 1);
    }

    [Fact(Timeout = 20_000)]
    public void GentlyPacedUdp_LosesNothing_AndHoldsItsRate()
    {
        // 300 datagrams/s: the ~200 datagrams a default SO_RCVBUF holds would take a 660 ms stall of the receiver to fill
        var c = TransportPatternLoopbackTests.Short(new Case { Transport = TransportKind.Udp4, PacketsPerSecond = 300, MessageBytes = 256 }) with { DurationMs = 400 };
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(CaseOutcome.Passed, result.Outcome);
        var m = result.Repetitions[0].Metrics;
        Assert.Equal(0, m[MetricIds.LossRatio]);
        Assert.Equal(m[MetricIds.DatagramsSent], m[MetricIds.DatagramsReceived]);
        Assert.Equal(0, m[MetricIds.Duplicates]);
        // The schedule itself is pinned to the tick on a fake clock (PacedSenderTests); this only shows the
        // real clock is wired in: a sleep that returned at once would send some 10^5 datagrams/s.
        Assert.InRange(m[MetricIds.AchievedPacketsPerSecond], 1, 300 * 10.0);
        Assert.True(result.Repetitions[0].Latency!.Samples > 0);
    }

    [Fact(Timeout = 30_000)]
    public void Crr_ReachesThousandsOfConnections_WithoutErrors_AndWithinItsAllocationBudget()
    {
        var c = TransportPatternLoopbackTests.Short(new Case
        {
            Pattern = PatternKind.Crr, TransactionLimit = 3000, Placement = PlacementKind.SameCpu,
        }) with { DurationMs = 15_000 };
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == CaseOutcome.Passed, result.Reason);
        var m = result.Repetitions[0].Metrics;
        Assert.Equal(3000, m[MetricIds.Transactions]);
        Assert.True(m[MetricIds.ConnectionsPerSecond] > 0); // recorded; how fast is for calibrate, not a test
        Assert.True(result.Repetitions[0].ConnectLatency!.P50Ns > 0);
        Assert.InRange(m[MetricIds.AllocatedBytesPerConnection], 1, CrrAllocationBudgetBytes);
    }

    /// <summary>The stated crr budget: a Socket, its SafeHandle, endpoint and channel per connection (~0.6 KiB measured).</summary>
    public const double CrrAllocationBudgetBytes = 4096;

    /// <summary>
    /// Each close mode on its own loopback address, so only this test's sockets are counted:
    /// host-wide TIME_WAIT (sockstat) moves with every other test that connects.
    /// </summary>
    [Theory(Timeout = 20_000)]
    [InlineData(CloseMode.Rst, "127.0.0.77", 0, 25)]
    [InlineData(CloseMode.Client, "127.0.0.79", 500, 100_000)] // the 500 measured plus the warm-up's connections
    public void Crr_TimeWaitLeftBehind_FollowsTheCloseMode(CloseMode close, string bind, int minTimeWait, int maxTimeWait)
    {
        var address = IPAddress.Parse(bind);
        int before = TimeWaitOn(address);
        var c = TransportPatternLoopbackTests.Short(new Case { Pattern = PatternKind.Crr, Close = close, TransactionLimit = 500, Bind = bind, Source = bind })
            with { DurationMs = 10_000 };
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == CaseOutcome.Passed, result.Reason);
        Assert.InRange(TimeWaitOn(address) - before, minTimeWait, maxTimeWait);
    }

    /// <summary>TIME_WAIT entries (state 06) in /proc/net/tcp with <paramref name="address"/> at either end.</summary>
    private static int TimeWaitOn(IPAddress address)
    {
        string hex = Convert.ToHexString(address.GetAddressBytes().Reverse().ToArray());
        return File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(f => f[3] == "06" && (f[1].StartsWith(hex, StringComparison.Ordinal) || f[2].StartsWith(hex, StringComparison.Ordinal)));
    }

    [Fact]
    public void Jain_IsOneForEqualFlows_AndOneOverNForOneHog()
    {
        Assert.Equal(1.0, RepetitionFigures.Jain([5, 5, 5, 5]), 9);
        Assert.Equal(0.25, RepetitionFigures.Jain([7, 0, 0, 0]), 9);
    }
}
