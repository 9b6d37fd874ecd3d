using LoopBench.Core;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>processes: 2 for real: the server end in a child LoopBench process, a fraction of a second each.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class ChildServerEndTests
{
    private static Runner TwoProcessRunner() =>
        new(new RunnerOptions { ServerChild = SandboxRequirement.Child() with { Isolate = false }, KernelCounters = false });

    private static RepetitionResult RunPassed(Case c, int durationMs = 300)
    {
        var result = TwoProcessRunner().RunCase(QuickCases.Short(c with { Processes = 2 }) with { DurationMs = durationMs }, cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        Assert.Contains(" processes=2 ", result.Key, StringComparison.Ordinal);
        Assert.Equal(2, result.Case.Processes);
        return Assert.Single(result.Repetitions);
    }

    [Fact(Timeout = 60_000)]
    public void Tcp4Stream_MovesBytes_WithTheServerEndInAnotherProcess()
    {
        var rep = RunPassed(new Case());

        Assert.True(rep.Metrics[MetricIds.Bytes] > 0);
        Assert.True(rep.Metrics[MetricIds.ThroughputBitsPerSecond] > 0);
        Assert.True(rep.Metrics[MetricIds.SentBytes] > 0);
        var child = Assert.IsType<ServerChildResult>(rep.ServerChild);
        Assert.NotEqual(Environment.ProcessId, child.Pid);
        Assert.True(child.ElapsedNs > 0);
        var server = Assert.Single(rep.Ends, e => e.Role == EndRole.Server);
        Assert.Equal(child.Pid, server.ProcessId);
        Assert.True(server.Bytes > 0);
        Assert.Null(Assert.Single(rep.Ends, e => e.Role == EndRole.Client).ProcessId);
        // the receiver's figure is over the child's own window
        double expected = rep.Metrics[MetricIds.Bytes] * 8e9 / child.ElapsedNs;
        Assert.Equal(expected, rep.Metrics[MetricIds.ThroughputBitsPerSecond], expected * 1e-12); // relative: the two sides divide in another order
        Assert.Contains(rep.Cpu!.Threads, t => t.Name == server.Name && t.ProcessId == child.Pid);
        Assert.True(server.RunQueueWaitNs >= 0 && server.Timeslices > 0, $"the child's server thread: {server.RunQueueWaitNs} ns in {server.Timeslices} timeslices");
    }

    [Theory(Timeout = 60_000)]
    [InlineData(TransportKind.Tcp4, PatternKind.Reverse)]
    [InlineData(TransportKind.Tcp4, PatternKind.Rr)]
    [InlineData(TransportKind.UnixStream, PatternKind.Stream)]
    [InlineData(TransportKind.UnixStream, PatternKind.Rr)]
    [InlineData(TransportKind.Tcp6, PatternKind.Stream)]
    public void SupportedPair_Passes_WithItsFiguresFromTheChild(TransportKind transport, PatternKind pattern)
    {
        RunnerLoopbackTests.SkipIfNoIpv6(transport);
        var rep = RunPassed(new Case { Transport = transport, Pattern = pattern });

        Assert.True(rep.Metrics[MetricIds.Bytes] > 0);
        Assert.NotEqual(Environment.ProcessId, rep.ServerChild!.Pid);
        Assert.All(rep.Ends, e => Assert.Null(e.Failure));
        if (pattern == PatternKind.Rr)
        {
            Assert.True(rep.Metrics[MetricIds.Transactions] > 0);
            Assert.True(Assert.Single(rep.Ends, e => e.Role == EndRole.Server).Transactions > 0);
        }
    }

    [Fact(Timeout = 60_000)]
    public void AsyncEngine_Passes()
    {
        // This process's sender is a pool continuation: as EngineRunnerTests, a 1 s window (ThreadPoolHeadroom raises the pool's floor),
        // so that the suite holding the pool's threads cannot leave the 300 ms window without a byte.
        var rep = RunPassed(new Case { Engine = LoopBench.Core.Engines.EngineKind.Async }, durationMs: 1_000);

        Assert.True(rep.Metrics[MetricIds.Bytes] > 0,
            $"no bytes in a {rep.ElapsedNs / 1e6:0.#} ms window; ends: {string.Join("; ", rep.Ends.Select(e => $"{e.Name} calls {e.SendCalls}/{e.ReceiveCalls} bytes {e.Bytes}"))}");
        Assert.All(rep.Ends, e => Assert.Null(e.Failure));
    }

    /// <summary>
    /// -C as iperf3 takes it with its separate server: the client's algorithm set here, the server's in
    /// the child, each read back. An algorithm the host does not default to (cubic unless it is the
    /// default), so a server socket that never got it would show the default.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public void Congestion_IsReadBackOnBothSides_TheServersInTheChild()
    {
        var limits = KernelNetLimits.Read();
        string hostDefault = File.ReadAllText("/proc/sys/net/ipv4/tcp_congestion_control").Trim();
        string? algorithm = new[] { "cubic" }.Concat(limits.CongestionChoices()).FirstOrDefault(a => a != hostDefault && limits.CongestionChoices().Contains(a));
        Assert.SkipWhen(algorithm is null, "the kernel offers no congestion control besides its default");

        var rep = RunPassed(CaseParameters.Apply(new Case(), "congestion", algorithm!));

        var knobs = rep.Knobs!.Where(k => k.Id == SocketKnobId.CongestionControl).ToList();
        Assert.Equal([EndRole.Client, EndRole.Server], knobs.Select(k => k.Side));
        Assert.All(knobs, k => Assert.Equal((KnobStatus.Applied, algorithm), (k.Status, k.Effective)));
        // the server's evidence was read in the child after its end stopped
        Assert.Equal($"TCP_CONGESTION still {algorithm} at the end", knobs[1].Evidence);
        var flow = Assert.Single(rep.FlowProbes!);
        Assert.Equal((0, TrafficDirection.ClientToServer), (flow.Flow, flow.Direction));
        Assert.Equal(rep.Knobs!.Select(k => (k.Id, k.Side)), flow.Knobs!.Select(k => (k.Id, k.Side)));
        Assert.Equal(algorithm, rep.Socket!.CongestionControl);
    }

    /// <summary>A server receive buffer is set and read back in the child, recorded as one process records it.</summary>
    [Fact(Timeout = 60_000)]
    public void ServerRcvbuf_IsReadBackInTheChild_AsOneProcessRecordsIt()
    {
        var c = QuickCases.Short(CaseParameters.Apply(new Case(), "server-rcvbuf", "64K"));
        var inOne = new Runner(new RunnerOptions { KernelCounters = false }).RunCase(c, cancellation: TestContext.Current.CancellationToken);
        Assert.True(inOne.Outcome == CaseOutcome.Passed, $"{inOne.Outcome}: {inOne.Reason}");

        var rep = RunPassed(c);

        var knob = Assert.Single(rep.Knobs!, k => k.Id == SocketKnobId.ReceiveBuffer && k.Side == EndRole.Server);
        Assert.Equal((KnobStatus.Applied, 2L * 65_536), (knob.Status, knob.EffectiveValue));
        Assert.Equal(2 * 65_536, rep.Socket!.ServerReceiveBufferBytes);
        Assert.Equal(KnobStatus.Default, Assert.Single(rep.Knobs!, k => k.Id == SocketKnobId.ReceiveBuffer && k.Side == EndRole.Client).Status);
        Assert.StartsWith("stayed at", knob.Evidence, StringComparison.Ordinal);
        var one = Assert.Single(inOne.Repetitions).Knobs!;
        Assert.Equal(one.Select(k => (k.Id, k.Side, k.Status)), rep.Knobs!.Select(k => (k.Id, k.Side, k.Status)));
    }

    [Fact(Timeout = 60_000)]
    public void KnobTheKernelRefusesInTheChild_FailsTheCase_WithOneProcesssMessage()
    {
        // Built in code, so nothing validates the name before the sockets exist.
        var c = QuickCases.Short(new Case { ServerKnobs = new SocketKnobs { CongestionControl = "nosuchcc" } });
        var inOne = new Runner(new RunnerOptions { KernelCounters = false }).RunCase(c, cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(CaseOutcome.FailedSetup, inOne.Outcome);

        var result = TwoProcessRunner().RunCase(c with { Processes = 2 }, cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(CaseOutcome.FailedSetup, result.Outcome);
        Assert.StartsWith("server TCP_CONGESTION nosuchcc requested, failed: unknown congestion control 'nosuchcc'", inOne.Reason, StringComparison.Ordinal);
        Assert.Contains("server child (pid ", result.Reason, StringComparison.Ordinal);
        Assert.EndsWith(": " + inOne.Reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public void ChildThatFails_FailsTheCase_WithTheChildsMessage()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        int port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;

        var result = TwoProcessRunner().RunCase(QuickCases.Short(new Case { Processes = 2, Port = port }), cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(CaseOutcome.FailedSetup, result.Outcome);
        Assert.Contains("server child (pid ", result.Reason, StringComparison.Ordinal);
        Assert.Contains($"port {port}", result.Reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public void RunnerWithoutAServerChild_FailsSetup_WithTheReason()
    {
        var result = new Runner().RunCase(QuickCases.Short(new Case { Processes = 2 }), cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(CaseOutcome.FailedSetup, result.Outcome);
        Assert.Contains("server child", result.Reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public void UnsupportedCaseBuiltInCode_IsRefusedByTheRunnerToo()
    {
        var result = TwoProcessRunner().RunCase(QuickCases.Short(new Case { Processes = 2, Transport = TransportKind.Udp4 }), cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(CaseOutcome.FailedSetup, result.Outcome);
        Assert.Contains("processes 2 does not support udp4", result.Reason, StringComparison.Ordinal);
    }
}
