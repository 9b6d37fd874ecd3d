using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>UDP stream in batches through the Runner, ~0.3 s each: every datagram counted once, the loss figures consistent.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class BatchedDatagramLoopbackTests
{
    private const int Length = 64;

    [Theory(Timeout = 20_000)]
    [InlineData("stream", false, null)]
    [InlineData("stream", true, null)]
    [InlineData("stream", true, "64")] // GSO at the datagram length: the receiver gets coalesced runs to split
    [InlineData("reverse", true, null)]
    public void Udp4Batch8_CountsEveryDatagram_WithConsistentLoss(string pattern, bool gro, string? udpSegment)
    {
        var c = QuickCases.Short(new Case { Transport = TransportKind.Udp4, MessageBytes = Length, Batch = 8, UdpGro = gro });
        c = CaseParameters.Apply(c, "pattern", pattern);
        if (udpSegment is not null)
        {
            c = CaseParameters.Apply(c, "udp-segment", udpSegment);
        }

        Assert.Empty(CaseValidator.Validate(c));
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == CaseOutcome.Passed, result.Reason);
        var rep = result.Repetitions[0];
        var m = rep.Metrics;
        double sent = m[MetricIds.DatagramsSent], received = m[MetricIds.DatagramsReceived];
        Assert.True(received > 0, $"received {received} of {sent}");
        Assert.InRange(received, 1, sent); // distinct in-window datagrams: never more than were sent
        Assert.Equal(sent - received, m[MetricIds.DatagramsLost]);
        Assert.Equal(0, m[MetricIds.Duplicates]);
        Assert.Equal(received * Length, m[MetricIds.Bytes]); // each datagram of a batch or a coalesced receive counted with its own length
        Assert.All(rep.Ends, e => Assert.Null(e.Failure));

        var sender = rep.Ends.Single(e => e.Name.EndsWith("-tx", StringComparison.Ordinal));
        Assert.True(sender.SendCalls < sender.Messages, $"{sender.SendCalls} sendmmsg calls for {sender.Messages} datagrams in the window: not batched");
        Assert.Contains(" batch=8", result.Key, StringComparison.Ordinal);
        Assert.Equal(gro, result.Key.Contains(" udp-gro=on", StringComparison.Ordinal));
    }

    [Fact(Timeout = 20_000)]
    public void Udp6Batch8_Runs()
    {
        RunnerLoopbackTests.SkipIfNoIpv6(TransportKind.Udp6);
        var c = QuickCases.Short(new Case { Transport = TransportKind.Udp6, MessageBytes = Length, Batch = 8 });
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == CaseOutcome.Passed, result.Reason);
        Assert.True(result.Repetitions[0].Metrics[MetricIds.DatagramsReceived] > 0);
    }

    [Fact(Timeout = 20_000)]
    public void GroAlone_BatchOne_RunsTheBatchedReceiver()
    {
        var c = QuickCases.Short(new Case { Transport = TransportKind.Udp4, MessageBytes = Length, UdpGro = true });
        Assert.IsType<BatchedDatagramStreamWorkload>(WorkloadFactory.Stream(c.Transport, c.ToWorkloadParameters()));
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == CaseOutcome.Passed, result.Reason);
        var m = result.Repetitions[0].Metrics;
        Assert.True(m[MetricIds.DatagramsReceived] > 0);
        Assert.Equal(m[MetricIds.DatagramsReceived] * Length, m[MetricIds.Bytes]);
        Assert.DoesNotContain("batch=", result.Key, StringComparison.Ordinal);
    }
}
