using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Running;

/// <summary>
/// One flow's connected pair with its knob records. The coordinator reads TCP_INFO of both ends at
/// T0 (<see cref="SampleAtOpen"/>) and T1 (<see cref="SampleAtClose"/>), which bound the flow's
/// retransmits in the window, and between them, unrecorded, for interval figures
/// (<see cref="ReadRetransTotal"/>); the knob evidence is read after the workers stopped.
/// </summary>
internal sealed class FlowProbe(int flow, TrafficDirection direction, ConnectedPair pair, IReadOnlyList<KnobResult>? knobs)
{
    private readonly TcpInfoSampler _tcp = new(pair.Client, pair.Server, expectedSamples: 2);

    public int Flow => flow;

    public TrafficDirection Direction => direction;

    public ConnectedPair Pair => pair;

    public IReadOnlyList<KnobResult>? Knobs => knobs;

    /// <summary>TCP_INFO of both ends at T0; nothing for non-TCP.</summary>
    public void SampleAtOpen() => _tcp.Sample(0);

    /// <summary>The same flow with a sampler of its own.</summary>
    public FlowProbe Copy() => new(flow, direction, pair, knobs);

    /// <summary>TCP_INFO of both ends at <paramref name="atNs"/> (T1, ns since T0); nothing for non-TCP.</summary>
    public void SampleAtClose(long atNs) => _tcp.Sample(atNs);

    /// <summary>Both ends' retransmits since connect, read now and not recorded; null for non-TCP.</summary>
    public long? ReadRetransTotal() => _tcp.HasTcpInfo ? _tcp.ReadRetransTotal() : null;

    /// <summary>Both ends' retransmits between T0 and T1 (the first and last sample); null for non-TCP.</summary>
    public long? WindowRetransmits => TcpInfoSampler.RetransBetweenFirstAndLast(_tcp.Samples);

    /// <summary>Both ends' retransmits since connect at the latest samples; null before them or for non-TCP.</summary>
    public long? LastRetransTotal() => _tcp.LastRetransTotal();

    /// <summary>The record: knobs with their evidence (read now, before the pair is disposed) and the T0 and T1 TCP_INFO.</summary>
    public FlowProbeResult ToResult()
    {
        var withEvidence = knobs is null ? null : SocketKnobEvidence.AddPairEvidence(pair, knobs, _tcp.LastClient, _tcp.LastServer);
        return new FlowProbeResult(flow, direction, withEvidence, _tcp.Samples.Count > 0 ? _tcp.Samples.ToArray() : null);
    }
}
