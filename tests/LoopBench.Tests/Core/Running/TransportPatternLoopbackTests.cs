using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>Every sensible transport × pattern pair, for real, a fraction of a second each.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class TransportPatternLoopbackTests
{
    public static TheoryData<TransportKind, PatternKind> SensiblePairs()
    {
        var data = new TheoryData<TransportKind, PatternKind>();
        foreach (var t in Enum.GetValues<TransportKind>())
        {
            foreach (var p in Enum.GetValues<PatternKind>())
            {
                if (!(p.Traits().CountsConnections && t.IsConnectionless()) && p.Traits().Supports(t))
                {
                    data.Add(t, p);
                }
            }
        }

        return data;
    }

    [Theory(Timeout = 20_000)]
    [MemberData(nameof(SensiblePairs))]
    public void EverySensiblePair_Passes_WithItsFigures(TransportKind transport, PatternKind pattern)
    {
        RunnerLoopbackTests.SkipIfNoIpv6(transport);
        var c = QuickCases.Short(new Case { Transport = transport, Pattern = pattern, RequestsPerSecond = pattern == PatternKind.RrUnderLoad ? 2000 : null });
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        var rep = Assert.Single(result.Repetitions);
        Assert.All(rep.Ends, e => Assert.Null(e.Failure));
        Assert.NotNull(rep.Flows);
        if (pattern == PatternKind.Rr && transport.IsConnectionless())
        {
            // a starved machine may time every request out: that is loss, and the test goes on
            Assert.True(rep.Metrics[MetricIds.Transactions] + rep.Metrics[MetricIds.TimedOut] > 0);
            Assert.InRange(rep.Metrics[MetricIds.LossRatio], 0, 1);
            return;
        }

        Assert.Equal(pattern.Traits().Dataless, rep.Metrics[MetricIds.Bytes] == 0);
        if (pattern.IsTransactional())
        {
            Assert.True(rep.Metrics[MetricIds.Transactions] > 0);
            Assert.Equal((long)rep.Metrics[MetricIds.Transactions], rep.Latency!.Samples);
        }
        else
        {
            Assert.True(rep.Metrics[MetricIds.SentBytes] > 0);
        }

        if (pattern == PatternKind.Bidir)
        {
            Assert.True(rep.Metrics[MetricIds.C2sThroughputBitsPerSecond] > 0);
            Assert.True(rep.Metrics[MetricIds.S2cThroughputBitsPerSecond] > 0);
        }

        if (transport.KeepsMessageBoundaries() && pattern is PatternKind.Stream or PatternKind.Reverse)
        {
            Assert.Equal(LatencyKind.OneWay, rep.LatencyKind);
            Assert.True(rep.Metrics[MetricIds.DatagramsReceived] <= rep.Metrics[MetricIds.DatagramsSent]);
            Assert.Equal(transport.IsUdp(), rep.Metrics.ContainsKey(MetricIds.LossRatio));
            if (!transport.IsUdp())
            {
                // Unix datagram senders block instead of dropping; UDP may lose some, or none
                Assert.Equal(rep.Metrics[MetricIds.DatagramsSent], rep.Metrics[MetricIds.DatagramsReceived]);
            }
        }
    }

    [Theory(Timeout = 20_000)]
    [InlineData(TransportKind.UnixStream)]
    [InlineData(TransportKind.UnixDgram)]
    [InlineData(TransportKind.UnixSeqpacket)]
    public void AbstractNamespace_Works_AndLeavesNoFile(TransportKind transport)
    {
        string parent = Directory.CreateTempSubdirectory("lb-abs-").FullName;
        try
        {
            var c = Short(new Case { Transport = transport, Pattern = PatternKind.Rr, UnixAbstract = true, UnixDirectory = parent });
            var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);
            Assert.Equal(CaseOutcome.Passed, result.Outcome);
            Assert.Empty(Directory.GetFileSystemEntries(parent));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact(Timeout = 20_000)]
    public void AnyLoopbackSourceAndDestination_Work()
    {
        var c = Short(new Case { Transport = TransportKind.Udp4, Pattern = PatternKind.Rr, Bind = "127.0.0.7", Source = "127.3.2.1" });
        Assert.Empty(CaseValidator.Validate(c));
        Assert.Equal(CaseOutcome.Passed, new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken).Outcome);
        var tcp = Short(new Case { Pattern = PatternKind.Crr, Bind = "127.0.0.9", Source = "127.0.0.10" });
        Assert.Equal(CaseOutcome.Passed, new Runner().RunCase(tcp, cancellation: TestContext.Current.CancellationToken).Outcome);
    }

    [Fact(Timeout = 20_000)]
    public void Parallel_ReportsEachFlowAndJainFairness()
    {
        var c = Short(new Case { Parallel = 3 });
        var rep = Assert.Single(new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken).Repetitions);
        var flows = rep.Flows!;
        Assert.Equal(3, flows.Count);
        Assert.All(flows, f => Assert.True(f.Bytes > 0));
        Assert.Equal(rep.Metrics[MetricIds.Bytes], flows.Sum(f => f.Bytes));
        Assert.InRange(rep.Metrics[MetricIds.FairnessJain], 1.0 / 3 - 1e-9, 1 + 1e-9);
    }

    [Fact(Timeout = 20_000)]
    public void BidirShared_UsesOnePairAndReportsBothDirections()
    {
        var c = Short(new Case { Pattern = PatternKind.Bidir, BidirMode = BidirMode.Shared, Transport = TransportKind.UnixStream });
        var rep = Assert.Single(new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken).Repetitions);
        var flows = rep.Flows!;
        Assert.Equal([TrafficDirection.ClientToServer, TrafficDirection.ServerToClient], flows.Select(f => f.Direction));
        Assert.All(flows, f => Assert.True(f.SentBytes > 0 && f.Bytes > 0));
    }

    [Fact(Timeout = 20_000)]
    public void CountBased_StopsAtTheCount()
    {
        var stream = Short(new Case { ByteLimit = 8 * 1024 * 1024 }) with { DurationMs = 10_000 };
        var s = new Runner().RunCase(stream, cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(CaseOutcome.Passed, s.Outcome);
        Assert.Equal(8 * 1024 * 1024, s.Repetitions[0].Metrics[MetricIds.SentBytes]); // -n counts what the senders send in the window
        Assert.True(s.Repetitions[0].ElapsedNs < 5_000_000_000, "8 MiB over loopback takes milliseconds, not the 10 s cap");

        var rr = Short(new Case { Pattern = PatternKind.Rr, TransactionLimit = 500, Inflight = 4 }) with { DurationMs = 10_000 };
        var r = new Runner().RunCase(rr, cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(CaseOutcome.Passed, r.Outcome);
        Assert.Equal(500, r.Repetitions[0].Metrics[MetricIds.Transactions]);
    }

    internal static Case Short(Case c) => c with { DurationMs = 200, WarmupMs = 30, IntervalMs = 100 };
}
