using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Running;

/// <summary>
/// One flow's connected pair with its knob records; TCP_INFO of both ends is read once at T1 by the
/// coordinator (<see cref="SampleAtClose"/>), and the knob evidence after the workers stopped.
/// </summary>
internal sealed class FlowProbe(int flow, string direction, ConnectedPair pair, IReadOnlyList<KnobResult>? knobs)
{
    private readonly TcpInfoSampler _tcp = new(pair.Client, pair.Server, expectedSamples: 1);

    public int Flow => flow;

    public string Direction => direction;

    public ConnectedPair Pair => pair;

    public IReadOnlyList<KnobResult>? Knobs => knobs;

    /// <summary>TCP_INFO of both ends at <paramref name="atNs"/> (T1, ns since T0); nothing for non-TCP.</summary>
    public void SampleAtClose(long atNs) => _tcp.Sample(atNs);

    /// <summary>The record: knobs with their evidence (read now, before the pair is disposed) and the T1 TCP_INFO.</summary>
    public FlowProbeResult ToResult()
    {
        var withEvidence = knobs is null ? null : SocketKnobApplier.AddPairEvidence(pair, knobs, _tcp.LastClient, _tcp.LastServer);
        return new FlowProbeResult(flow, direction, withEvidence, _tcp.Samples.Count > 0 ? _tcp.Samples.ToArray() : null);
    }
}
