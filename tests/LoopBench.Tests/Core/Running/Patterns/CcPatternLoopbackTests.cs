using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running.Patterns;

/// <summary>cc (netperf TCP_CC): connect and close, no data, over real loopback.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class CcPatternLoopbackTests
{
    [Theory(Timeout = 20_000)]
    [InlineData(TransportKind.Tcp4, CloseMode.Client)]
    [InlineData(TransportKind.Tcp4, CloseMode.Server)]
    [InlineData(TransportKind.Tcp4, CloseMode.Rst)]
    [InlineData(TransportKind.UnixStream, CloseMode.Client)]
    [InlineData(TransportKind.UnixStream, CloseMode.Rst)]
    public void Cc_CountsConnections_WithConnectLatency_AndMovesNoBytes(TransportKind transport, CloseMode close)
    {
        string unixDir = Directory.CreateTempSubdirectory("lb-cc-").FullName;
        try
        {
            var c = QuickCases.Short(new Case { Transport = transport, Pattern = PatternKind.Cc, Close = close, UnixDirectory = unixDir });
            var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

            Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
            Assert.Null(result.Case.RequestBytes);
            Assert.Null(result.Case.ResponseBytes);
            var rep = Assert.Single(result.Repetitions);
            Assert.All(rep.Ends, e => Assert.Null(e.Failure));
            Assert.True(rep.Metrics[MetricIds.ConnectionsPerSecond] > 0);
            Assert.Equal(0, rep.Metrics[MetricIds.Bytes]);
            Assert.All(rep.Ends, e => Assert.Equal(0, e.Bytes));
            Assert.True(rep.Metrics[MetricIds.ConnectP50Ns] > 0);
            // p99 is reported only from 1 000 connections on: a loaded host may open fewer in the short window
            Assert.Equal(rep.ConnectLatency!.Samples >= LatencySummary.RequiredSamples(0.99), rep.Metrics.ContainsKey(MetricIds.ConnectP99Ns));
            if (rep.Metrics.TryGetValue(MetricIds.ConnectP99Ns, out double p99))
            {
                Assert.True(p99 >= rep.Metrics[MetricIds.ConnectP50Ns]);
            }
            Assert.Equal((long)rep.Metrics[MetricIds.Transactions], rep.ConnectLatency!.Samples);
            Assert.Equal((long)rep.Metrics[MetricIds.Transactions], rep.Latency!.Samples);
            Assert.Equal(LatencyKind.Transaction, rep.LatencyKind);
            Assert.True(rep.Metrics.ContainsKey(MetricIds.TimeWaitAtT0));
            Assert.True(rep.Metrics.ContainsKey(MetricIds.TimeWaitAtT1));
            Assert.Empty(Directory.GetFileSystemEntries(unixDir)); // the listener's socket path is gone with the run
        }
        finally
        {
            Directory.Delete(unixDir, recursive: true);
        }
    }

    [Theory(Timeout = 20_000)]
    [InlineData(TransportKind.Tcp4, 1, 50L)]
    [InlineData(TransportKind.UnixStream, 3, 301L)]
    public void Cc_TransactionLimit_OpensExactlyK(TransportKind transport, int parallel, long k)
    {
        var c = new Case { Transport = transport, Pattern = PatternKind.Cc, Parallel = parallel, TransactionLimit = k, WarmupMs = 0, IntervalMs = 0 };
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        var rep = Assert.Single(result.Repetitions);
        Assert.Equal(k, rep.Metrics[MetricIds.Transactions]);
        Assert.Equal(k, rep.ConnectLatency!.Samples);
        Assert.Equal(k, rep.Ends.Where(e => e.Role == EndRole.Client).Sum(e => e.Transactions));
        Assert.Equal(0, rep.Metrics[MetricIds.Bytes]);
    }

    [Theory]
    [InlineData("length", "100")]
    [InlineData("request-size", "100")]
    [InlineData("response-size", "100")]
    [InlineData("transport", "udp4")]
    [InlineData("transport", "unix-dgram")]
    public void Cc_RefusesSizes_AndTransportsWithoutConnections(string key, string value)
    {
        var c = CaseParameters.Apply(new Case { Pattern = PatternKind.Cc }, key, value);

        var errors = CaseValidator.Validate(c);

        Assert.Contains(errors, e => e.Message.Contains("cc", StringComparison.Ordinal));
    }
}
