using System.Globalization;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running.Patterns;

/// <summary>sendfile for real: a fraction of a second over loopback, counted inside the window only.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class SendfilePatternLoopbackTests
{
    [Theory(Timeout = 20_000)]
    [InlineData(TransportKind.Tcp4)]
    [InlineData(TransportKind.UnixStream)]
    public void Sendfile_ShortRun_MovesBytesAndCountsOnlyThoseInsideTheWindow(TransportKind transport)
    {
        var c = QuickCases.Short(new Case { Transport = transport, Pattern = PatternKind.Sendfile, WarmupMs = 100 });
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        var rep = Assert.Single(result.Repetitions);
        Assert.All(rep.Ends, e => Assert.Null(e.Failure));
        Assert.InRange(rep.ElapsedNs, 250_000_000, 2_000_000_000);
        double bytes = rep.Metrics[MetricIds.Bytes];
        double sent = rep.Metrics[MetricIds.SentBytes];
        Assert.True(bytes > 0);
        Assert.True(rep.Metrics[MetricIds.Messages] > 0);
        double expected = bytes * 8e9 / rep.ElapsedNs;
        Assert.Equal(expected, rep.Metrics[MetricIds.ThroughputBitsPerSecond], expected * 1e-12); // relative: the two sides divide in another order

        // The intervals tile [T0, T1] and hold the same bytes: nothing of the warm-up or the drain.
        Assert.Equal((long)bytes, rep.Intervals.Sum(i => i.Bytes));
        Assert.Equal(rep.ElapsedNs, rep.Intervals[^1].EndNs);

        // Each end counts only inside the window, so they differ by no more than what the socket
        // buffers held at T0 or T1 (plus the chunk in the call); the warm-up alone moves far more.
        long inFlight = InFlightBound(transport, rep.Socket!) + (c.MessageBytes ?? 128 * 1024);
        Assert.InRange(Math.Abs(bytes - sent), 0, inFlight);
    }

    [Fact(Timeout = 20_000)]
    public void Sendfile_OnADatagramTransport_IsRefusedByValidation()
    {
        var errors = CaseValidator.Validate(new Case { Transport = TransportKind.Udp4, Pattern = PatternKind.Sendfile });

        Assert.Contains(errors, e => e.Parameter == "pattern" && e.Message.Contains("sendfile does not run on udp4", StringComparison.Ordinal));
    }

    private static long InFlightBound(TransportKind transport, SocketSettingsResult socket) =>
        transport.IsTcp()
            ? MaxOf("/proc/sys/net/ipv4/tcp_wmem") + MaxOf("/proc/sys/net/ipv4/tcp_rmem") // autotuning may grow both up to these
            : (long)socket.ClientSendBufferBytes + socket.ServerReceiveBufferBytes;

    private static long MaxOf(string path) =>
        long.Parse(File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
}
