using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>Spin mode end to end: real rr runs with both ends polling on split CPUs. No latency bound.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class SpinLoopbackTests
{
    [Theory(Timeout = 20_000)]
    [InlineData(TransportKind.Tcp4, PatternKind.Rr)]
    [InlineData(TransportKind.UnixStream, PatternKind.Rr)]
    [InlineData(TransportKind.Udp4, PatternKind.Rr)]
    [InlineData(TransportKind.Tcp4, PatternKind.Crr)]
    public void SpinSplit_RunsTransactions_AndRecordsSpin(TransportKind transport, PatternKind pattern)
    {
        Assert.SkipWhen(CpuAffinity.GetAllowedCpus().Count < 2, "spin on split placement needs 2 allowed CPUs");
        var c = QuickCases.Short(new Case { Transport = transport, Pattern = pattern, Placement = PlacementKind.Split, Spin = true });
        Assert.Empty(CaseValidator.Validate(c));

        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(CaseOutcome.Passed, result.Outcome);
        Assert.True(result.Case.Spin);
        Assert.Contains(" spin=on ", result.Key, StringComparison.Ordinal);
        var rep = Assert.Single(result.Repetitions);
        Assert.All(rep.Ends, e => Assert.Null(e.Failure));
        Assert.True(rep.Metrics[MetricIds.Transactions] > 0);
        Assert.Equal((long)rep.Metrics[MetricIds.Transactions], rep.Latency!.Samples);
        var client = rep.Ends.Single(e => e.Role == "client");
        var server = rep.Ends.Single(e => e.Role == "server");
        Assert.NotEqual(client.CpuRequested, server.CpuRequested);
        // a spinner polls: it makes at least one receive call per completed receive, and its calls complete at once
        Assert.True(client.ReceiveCalls >= client.SyncCompletions - client.SendCalls, $"{client.ReceiveCalls} receive calls");
        Assert.Equal(0, client.AsyncCompletions ?? 0);
    }
}
