using LoopBench.Core;
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
    [InlineData(TransportKind.Tcp6, PatternKind.Rr)]
    [InlineData(TransportKind.Udp6, PatternKind.Rr)]
    [InlineData(TransportKind.UnixDgram, PatternKind.Rr)]
    [InlineData(TransportKind.UnixSeqpacket, PatternKind.Rr)]
    public void SpinSplit_RunsTransactions_AndRecordsSpin(TransportKind transport, PatternKind pattern)
    {
        RunnerLoopbackTests.SkipIfNoIpv6(transport);
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
        var client = rep.Ends.Single(e => e.Role == EndRole.Client);
        var server = rep.Ends.Single(e => e.Role == EndRole.Server);
        Assert.NotEqual(client.CpuRequested, server.CpuRequested);
        // a spinner polls: its calls complete at once, and its receive calls outnumber its completed
        // receives (the polls that found nothing); a blocking rr end makes exactly one call per receive
        Assert.True(client.ReceiveCalls > client.SyncCompletions - client.SendCalls, $"{client.ReceiveCalls} receive calls, {client.SyncCompletions - client.SendCalls} receives");
        Assert.Equal(0, client.AsyncCompletions ?? 0);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(TransportKind.Tcp4)]
    [InlineData(TransportKind.UnixStream)]
    public void SpinSplit_WithTheServerEndInAChildProcess_RunsTransactions(TransportKind transport)
    {
        Assert.SkipWhen(CpuAffinity.GetAllowedCpus().Count < 2, "spin on split placement needs 2 allowed CPUs");
        var c = QuickCases.Short(new Case { Transport = transport, Pattern = PatternKind.Rr, Placement = PlacementKind.Split, Spin = true, Processes = 2 });
        Assert.Empty(CaseValidator.Validate(c));
        var runner = new Runner(new RunnerOptions { ServerChild = SandboxRequirement.Child() with { Isolate = false }, KernelCounters = false });

        var result = runner.RunCase(c, cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        Assert.Contains(" spin=on ", result.Key, StringComparison.Ordinal);
        Assert.Contains(" processes=2 ", result.Key, StringComparison.Ordinal);
        var rep = Assert.Single(result.Repetitions);
        Assert.All(rep.Ends, e => Assert.Null(e.Failure));
        Assert.True(rep.Metrics[MetricIds.Transactions] > 0);
        Assert.Equal((long)rep.Metrics[MetricIds.Transactions], rep.Latency!.Samples);
        var child = Assert.IsType<ServerChildResult>(rep.ServerChild);
        Assert.NotEqual(Environment.ProcessId, child.Pid);
        var client = rep.Ends.Single(e => e.Role == EndRole.Client);
        var server = rep.Ends.Single(e => e.Role == EndRole.Server);
        Assert.Equal(child.Pid, server.ProcessId);
        Assert.True(server.Transactions > 0);
        Assert.NotEqual(client.CpuRequested, server.CpuRequested);
        // both ends poll, the child's too: their receive calls outnumber their completed receives
        // (a blocking rr end makes exactly one call per receive), and no call waits for a wake-up
        Assert.Equal(0, client.AsyncCompletions ?? 0);
        Assert.Equal(0, server.AsyncCompletions ?? 0);
        Assert.True(client.ReceiveCalls > client.SyncCompletions - client.SendCalls, $"client: {client.ReceiveCalls} receive calls, {client.SyncCompletions - client.SendCalls} receives");
        Assert.True(server.ReceiveCalls > server.SyncCompletions - server.SendCalls, $"server: {server.ReceiveCalls} receive calls, {server.SyncCompletions - server.SendCalls} receives");
    }
}
