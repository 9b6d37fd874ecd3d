using LoopBench.Core;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Running;

/// <summary>The verdict on a window that moved nothing, on fabricated repetitions (no sockets).</summary>
public sealed class IdleWindowTests
{
    private const long OneSecondNs = 1_000_000_000;

    [Theory(Timeout = 10_000)]
    [InlineData(TransportKind.Tcp4, PatternKind.Stream, "bytes", "no bytes moved in the 1.0 s window")]
    [InlineData(TransportKind.Tcp6, PatternKind.Reverse, "bytes", "no bytes moved in the 1.0 s window")]
    [InlineData(TransportKind.UnixStream, PatternKind.Bidir, "bytes", "no bytes moved in the 1.0 s window")]
    [InlineData(TransportKind.Tcp4, PatternKind.Sendfile, "bytes", "no bytes moved in the 1.0 s window")]
    [InlineData(TransportKind.UnixDgram, PatternKind.Stream, "bytes", "no bytes moved in the 1.0 s window")]
    [InlineData(TransportKind.Tcp4, PatternKind.Rr, "transactions", "no transactions completed in the 1.0 s window")]
    [InlineData(TransportKind.UnixSeqpacket, PatternKind.Crr, "transactions", "no transactions completed in the 1.0 s window")]
    [InlineData(TransportKind.Tcp4, PatternKind.RrUnderLoad, "transactions", "no transactions completed in the 1.0 s window")]
    [InlineData(TransportKind.Udp4, PatternKind.Stream, "datagramsSent", "no datagrams sent in the 1.0 s window")]
    [InlineData(TransportKind.Udp6, PatternKind.Rr, "datagramsSent", "no datagrams sent in the 1.0 s window")]
    public void NothingMoved_IsAFailure_NamingWhatAndTheWindow(TransportKind transport, PatternKind pattern, string metric, string reason)
    {
        var c = new Case { Transport = transport, Pattern = pattern }.Resolve();

        Assert.Equal(reason, IdleWindow.Reason(c, Repetition(OneSecondNs, (metric, 0))));
        Assert.Null(IdleWindow.Reason(c, Repetition(OneSecondNs, (metric, 1))));
    }

    [Fact(Timeout = 10_000)]
    public void TheWindowIsNamedAsMeasured()
    {
        var c = new Case { Pattern = PatternKind.Stream }.Resolve();

        Assert.Equal("no bytes moved in the 0.25 s window", IdleWindow.Reason(c, Repetition(250_000_000, (MetricIds.Bytes, 0))));
    }

    [Fact(Timeout = 10_000)]
    public void UdpThatSentButLostEverything_IsALossMeasurement_NotAFailure()
    {
        var c = new Case { Transport = TransportKind.Udp4, Pattern = PatternKind.Stream }.Resolve();

        var lostAll = Repetition(OneSecondNs, (MetricIds.DatagramsSent, 5000), (MetricIds.DatagramsReceived, 0), (MetricIds.Bytes, 0), (MetricIds.LossRatio, 1));

        Assert.Null(IdleWindow.Reason(c, lostAll));
    }

    [Fact(Timeout = 10_000)]
    public void UdpRrWhoseRequestsAllTimedOut_IsALossMeasurement_NotAFailure()
    {
        var c = new Case { Transport = TransportKind.Udp4, Pattern = PatternKind.Rr }.Resolve();

        Assert.Null(IdleWindow.Reason(c, Repetition(OneSecondNs, (MetricIds.DatagramsSent, 40), (MetricIds.Transactions, 0))));
    }

    [Fact(Timeout = 10_000)]
    public void RrUnderLoad_AtARateUnderOneRequestPerWindow_ExpectsNothing()
    {
        var slow = new Case { Pattern = PatternKind.RrUnderLoad, RequestsPerSecond = 2 }.Resolve();
        var due = new Case { Pattern = PatternKind.RrUnderLoad, RequestsPerSecond = 5 }.Resolve();

        Assert.Null(IdleWindow.Reason(slow, Repetition(300_000_000, (MetricIds.Transactions, 0))));
        Assert.Equal("no transactions completed in the 0.3 s window", IdleWindow.Reason(due, Repetition(300_000_000, (MetricIds.Transactions, 0))));
    }

    [Fact(Timeout = 10_000)]
    public void PacedDatagrams_UnderOneDatagramPerWindow_ExpectNothing()
    {
        var pps = new Case { Transport = TransportKind.Udp4, PacketsPerSecond = 1 }.Resolve();
        var bits = new Case { Transport = TransportKind.UnixDgram, MessageBytes = 1000, BitsPerSecond = 4000 }.Resolve(); // 0.5 datagram/s

        Assert.Null(IdleWindow.Reason(pps, Repetition(500_000_000, (MetricIds.DatagramsSent, 0))));
        Assert.Null(IdleWindow.Reason(bits, Repetition(OneSecondNs, (MetricIds.Bytes, 0))));
        Assert.NotNull(IdleWindow.Reason(pps, Repetition(2 * OneSecondNs, (MetricIds.DatagramsSent, 0))));
    }

    [Fact(Timeout = 10_000)]
    public void AnInterruptedWindow_IsNotJudged()
    {
        var c = new Case { Pattern = PatternKind.Stream }.Resolve();

        Assert.Null(IdleWindow.Reason(c, Repetition(1_000_000, (MetricIds.Bytes, 0)) with { Interrupted = true }));
    }

    [Fact(Timeout = 10_000)]
    public void NoFigureToJudgeBy_IsNotAFailure()
    {
        var c = new Case { Pattern = PatternKind.Rr }.Resolve();

        Assert.Null(IdleWindow.Reason(c, Repetition(OneSecondNs, (MetricIds.Bytes, 0))));
    }

    [Fact(Timeout = 10_000)]
    public void NoTraffic_IsAFailureOutcome_WithItsOwnId()
    {
        Assert.True(CaseOutcome.FailedNoTraffic.IsFailure());
        Assert.False(CaseOutcome.FailedNoTraffic.IsUsable());
        Assert.Equal("failed:no-traffic", CaseOutcome.FailedNoTraffic.ToId());
    }

    private static RepetitionResult Repetition(long elapsedNs, params (string Metric, double Value)[] metrics) => new(
        0, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), false, elapsedNs,
        new SortedDictionary<string, double>(metrics.ToDictionary(m => m.Metric, m => m.Value), StringComparer.Ordinal),
        null, null, [], null, []);
}
