using LoopBench.Cli.Terminal;
using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

/// <summary>The per-flow block: each flow's T1 TCP_INFO and its retransmits inside the window, not since connect.</summary>
public sealed class SummaryFlowsTests
{
    private static TcpInfoSampleResult At(long atNs, EndRole side, long rttUs, long totalRetrans, SampledConnection? connection = null) =>
        TcpInfoSamples.At(atNs, side, totalRetrans, rttUs, cwndSegments: 10 + rttUs, connection);

    [Fact]
    public void ParallelFlows_ShowT1FiguresAndTheWindowsRetransmits()
    {
        var flow0 = new FlowProbeResult(0, TrafficDirection.ClientToServer, null, [At(0, EndRole.Client, 50, 15), At(0, EndRole.Server, 20, 0), At(2_000_000_000, EndRole.Client, 243, 19), At(2_000_000_000, EndRole.Server, 25, 1)]);
        var flow1 = new FlowProbeResult(1, TrafficDirection.ClientToServer, null, [At(0, EndRole.Client, 40, 8), At(0, EndRole.Server, 20, 0), At(2_000_000_000, EndRole.Client, 349, 8), At(2_000_000_000, EndRole.Server, 25, 0)]);
        var rep = FakeRepetitions.Result(0, 1e9) with { FlowProbes = [flow0, flow1] };

        var lines = SummaryFlows.Lines(rep).ToList();

        Assert.Equal("flow 0 c2s: client rtt 243 µs cwnd 253; server rtt 25 µs cwnd 35; retrans 5 in the window", lines[0]);
        Assert.Equal("flow 1 c2s: knobs as flow 0 c2s; client rtt 349 µs cwnd 359; server rtt 25 µs cwnd 35; retrans 0 in the window", lines[1]);
    }

    [Fact]
    public void DatagramFlows_WithFlowZerosKnobs_PrintNothing_ButADifferingKnobShows()
    {
        KnobResult Rcvbuf(string effective) => new("SO_RCVBUF", SocketKnobId.ReceiveBuffer, EndRole.Server, KnobStatus.Applied, KnobUnit.Bytes, "4M", effective, null, null, null, null);
        var same = FakeRepetitions.Result(0, 1e9) with { FlowProbes = [new FlowProbeResult(0, TrafficDirection.ClientToServer, [Rcvbuf("4 MiB")], null), new FlowProbeResult(1, TrafficDirection.ClientToServer, [Rcvbuf("4 MiB")], null)] };
        var differs = same with { FlowProbes = [same.FlowProbes![0], new FlowProbeResult(1, TrafficDirection.ClientToServer, [Rcvbuf("2 MiB")], null)] };

        Assert.Empty(SummaryFlows.Lines(same));
        Assert.Equal("flow 1 c2s: knobs differ: server SO_RCVBUF applied 2 MiB", Assert.Single(SummaryFlows.Lines(differs)));
    }

    [Fact]
    public void CrrConnections_KeepTheirSinceConnectCounts()
    {
        var flow = new FlowProbeResult(0, TrafficDirection.RequestResponse, null, [At(1, EndRole.Client, 30, 2, SampledConnection.First), At(2, EndRole.Client, 31, 0, SampledConnection.Last)]) { Connections = 40, ConnectionsInWindow = 30 };
        var rep = FakeRepetitions.Result(0, 1e9) with { FlowProbes = [flow] };

        string line = Assert.Single(SummaryFlows.Lines(rep));

        Assert.Contains("first client rtt 30 µs cwnd 40 retrans 2 since connect", line, StringComparison.Ordinal);
        Assert.Contains("last client rtt 31 µs cwnd 41 retrans 0 since connect", line, StringComparison.Ordinal);
        Assert.DoesNotContain("retrans 2 in the window", line, StringComparison.Ordinal);
        Assert.DoesNotContain("retrans 0 in the window", line, StringComparison.Ordinal);
    }
}
