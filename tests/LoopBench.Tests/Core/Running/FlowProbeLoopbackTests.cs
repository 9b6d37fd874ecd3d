using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;
using NJsonSchema;

namespace LoopBench.Tests.Core.Running;

/// <summary>Knob records and TCP_INFO are kept for every flow, not only the first; crr keeps its first and last connection.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class FlowProbeLoopbackTests
{
    private static RepetitionResult RunOnce(Case c)
    {
        var result = new Runner().RunCase(c with { DurationMs = 300, WarmupMs = 50, IntervalMs = 100 }, cancellation: TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        return Assert.Single(result.Repetitions);
    }

    [Fact(Timeout = 30_000)]
    public void ParallelStream_EveryFlowHasItsKnobsAndTcpInfo()
    {
        var rep = RunOnce(CaseParameters.Apply(CaseParameters.Apply(new Case(), "parallel", "3"), "window", "256K"));

        var flows = rep.FlowProbes!;
        Assert.Equal([0, 1, 2], flows.Select(f => f.Flow));
        Assert.All(flows, f =>
        {
            Assert.Equal(TrafficDirection.ClientToServer, f.Direction);
            Assert.Equal(2, f.Knobs!.Count(k => k.Id == SocketKnobId.ReceiveBuffer && k.Status == KnobStatus.Applied));
            Assert.Contains(f.TcpInfo!, s => s.Side == EndRole.Client && s.RttUs > 0 && s.SendCwndSegments > 0);
            Assert.Contains(f.TcpInfo!, s => s.Side == EndRole.Server);
        });
        Assert.Equal(flows[0].Knobs!.Select(k => k.Id), rep.Knobs!.Select(k => k.Id)); // flow 0 still stands for the case
    }

    [Theory(Timeout = 30_000)]
    [InlineData(true)]
    [InlineData(false)]
    public void Crr_ReportsTheSettingsItsConnectionsHad_NoDelayAsTheCaseAsks(bool noDelay)
    {
        // crr connects per transaction; its sockets used to miss the case's TCP_NODELAY (the key said on, the sockets were off)
        var c = CaseParameters.Apply(CaseParameters.Apply(new Case(), "pattern", "crr"), "nodelay", noDelay ? "on" : "off");
        var socket = RunOnce(c).Socket!;

        Assert.Equal(noDelay, socket.NoDelay);
        Assert.Equal(File.ReadAllText("/proc/sys/net/ipv4/tcp_congestion_control").Trim(), socket.CongestionControl);
        Assert.True(socket.MssBytes > 0 && socket.ClientSendBufferBytes > 0 && socket.ServerReceiveBufferBytes > 0, $"{socket}");
    }

    [Fact(Timeout = 30_000)]
    public void ParallelCrr_EachFlowKeepsFirstAndLastConnection_AndCounts()
    {
        var host = KernelNetLimits.Read();
        string algorithm = host.CongestionChoices().Contains("reno") ? "reno" : "cubic";
        var c = CaseParameters.Apply(CaseParameters.Apply(CaseParameters.Apply(new Case(), "pattern", "crr"), "parallel", "2"), "congestion", algorithm);
        var rep = RunOnce(c);

        var flows = rep.FlowProbes!;
        Assert.Equal([0, 1], flows.Select(f => f.Flow));
        Assert.All(flows, f =>
        {
            Assert.True(f.Connections > 1, $"flow {f.Flow}: {f.Connections} connections");
            Assert.InRange(f.ConnectionsInWindow!.Value, 1, f.Connections!.Value);
            Assert.All(f.Knobs!.Where(k => k.Id == SocketKnobId.CongestionControl), k => Assert.Equal(algorithm, k.Effective));
            Assert.Contains(f.Knobs!, k => k.Id == SocketKnobId.CongestionControl && k.Side == EndRole.Client);
            Assert.Contains(f.Knobs!, k => k.Id == SocketKnobId.CongestionControl && k.Side == EndRole.Server);
            Assert.Contains(f.LastConnectionKnobs!, k => k.Id == SocketKnobId.CongestionControl && k.Effective == algorithm);
            Assert.Contains(f.TcpInfo!, s => s.Connection == SampledConnection.First && s.Side == EndRole.Client && s.RttUs > 0);
            Assert.Contains(f.TcpInfo!, s => s.Connection == SampledConnection.Last && s.Side == EndRole.Client);
        });
        Assert.NotNull(rep.TcpInfo); // crr now reports flow 0's connections at the top level too
        Assert.Contains(rep.Knobs!, k => k.Id == SocketKnobId.CongestionControl);
    }

    [Fact(Timeout = 30_000)]
    public async Task FlowProbes_SurviveTheJsonRoundTrip_AndMatchTheSchema()
    {
        var rep = RunOnce(CaseParameters.Apply(CaseParameters.Apply(new Case(), "parallel", "2"), "quickack", "on"));
        var run = SyntheticRuns.Run("20260101T000000Z-abc", [new CaseResult("k", new Case(), CaseOutcome.Passed, null, [rep])]);

        string json = ResultJson.Serialize(run);
        var schema = await JsonSchema.FromFileAsync(RepoFiles.PathOf("docs", "result.schema.json"), TestContext.Current.CancellationToken);
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Contains("\"flowProbes\"", json, StringComparison.Ordinal);
        var back = Assert.Single(Assert.Single(ResultJson.Deserialize(json).Cases).Repetitions);
        Assert.Equal(2, back.FlowProbes!.Count);
        Assert.Equal(rep.FlowProbes![1].TcpInfo!.Count, back.FlowProbes[1].TcpInfo!.Count);
    }
}
