using LoopBench.Core.Measurement;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Results;

/// <summary>
/// The socket knobs and TCP_INFO of one flow (one connection, or for crr the first and last of
/// its connections). <see cref="RepetitionResult.Knobs"/> and <see cref="RepetitionResult.TcpInfo"/>
/// keep standing for flow 0; this holds every flow.
/// </summary>
/// <param name="Flow">0-based flow number, as in <see cref="FlowResult.Flow"/>.</param>
/// <param name="Direction">Which way the flow's data goes.</param>
/// <param name="Knobs">Knob records of both sides, with evidence; null when none were read.</param>
/// <param name="TcpInfo">TCP_INFO of both ends at T0 and at T1 (crr: of the first and last connection, see
/// <see cref="TcpInfoSampleResult.Connection"/>); null for non-TCP.</param>
internal sealed record FlowProbeResult(int Flow, TrafficDirection Direction, IReadOnlyList<KnobResult>? Knobs, IReadOnlyList<TcpInfoSampleResult>? TcpInfo)
{
    /// <summary>crr: connections whose client socket got the knobs (warm-up included); null for other patterns.</summary>
    public long? Connections { get; init; }

    /// <summary>crr: connections completed inside the window, per the client.</summary>
    public long? ConnectionsInWindow { get; init; }

    /// <summary>crr: the client knob records of the last connection (<see cref="Knobs"/> holds the first's).</summary>
    public IReadOnlyList<KnobResult>? LastConnectionKnobs { get; init; }
}
