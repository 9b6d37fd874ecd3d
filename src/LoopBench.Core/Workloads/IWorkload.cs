using System.Net.Sockets;
using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Workloads;

/// <summary>What a workload gets: its parameters, one channel per side, and the window.</summary>
/// <param name="Parameters">Sizes and options of the pattern.</param>
/// <param name="Client">The connecting side's channel.</param>
/// <param name="Server">The accepting side's channel.</param>
/// <param name="Window">The global measured window.</param>
internal sealed record WorkloadContext(WorkloadParameters Parameters, IChannel Client, IChannel Server, MeasureWindow Window)
{
    /// <summary>0-based flow number; part of every end's name (lb-c{flow}-tx).</summary>
    public int Flow { get; init; }

    /// <summary>Which way a stream flow's bytes go. Defaults to client to server.</summary>
    public FlowDirection Direction { get; init; } = FlowDirection.ClientToServer;

    /// <summary>crr only: the listener that stays open for the run.</summary>
    public LoopbackListener? Listener { get; init; }

    /// <summary>crr only: wraps each new connection's socket (the engine's Open).</summary>
    public Func<Socket, IChannel>? Open { get; init; }

    /// <summary>Rr-under-load: a second client channel on the same socket, for the response reader.</summary>
    public IChannel? ClientReader { get; init; }

    /// <summary>The client's raw socket, for socket-level variants (zero-copy, skip-copy, quickack).</summary>
    public Socket? ClientSocket { get; init; }

    /// <summary>The server's raw socket, for socket-level variants.</summary>
    public Socket? ServerSocket { get; init; }
}

/// <summary>A workload's parameters, resolved from the case.</summary>
/// <param name="MessageBytes">Bytes per send (stream).</param>
/// <param name="RequestBytes">Request size (rr).</param>
/// <param name="ResponseBytes">Response size (rr).</param>
internal sealed record WorkloadParameters(int MessageBytes, int RequestBytes, int ResponseBytes)
{
    /// <summary>Transactions outstanding per connection (rr). Defaults to 1.</summary>
    public int Inflight { get; init; } = 1;

    /// <summary>-n: bytes all senders send together, each its <see cref="ByteShare"/>; 0 for a timed run.</summary>
    public long ByteLimit { get; init; }

    /// <summary>-k: transactions all clients complete together, each its <see cref="TransactionShare"/>; 0 for a timed run.</summary>
    public long TransactionLimit { get; init; }

    /// <summary>Flows that share <see cref="ByteLimit"/> and <see cref="TransactionLimit"/> (-P). Defaults to 1.</summary>
    public int LimitFlows { get; init; } = 1;

    /// <summary>Bidir: each flow sends both ways, so each direction of a flow has its own share of <see cref="ByteLimit"/>. Defaults to false.</summary>
    public bool LimitBothWays { get; init; }

    /// <summary>
    /// The bytes one flow's sender sends in <paramref name="direction"/>: an equal share of <see cref="ByteLimit"/>,
    /// the first shares one byte more each until the remainder is used up, so the shares add up to it exactly; 0 for a timed run.
    /// </summary>
    public long ByteShare(int flow, FlowDirection direction) =>
        LimitBothWays
            ? Share(ByteLimit, LimitFlows * 2, (flow * 2) + (direction == FlowDirection.ServerToClient ? 1 : 0))
            : Share(ByteLimit, LimitFlows, flow);

    /// <summary>The transactions one flow's client completes: its share of <see cref="TransactionLimit"/>, as <see cref="ByteShare"/>; 0 for a timed run.</summary>
    public long TransactionShare(int flow) => Share(TransactionLimit, LimitFlows, flow);

    private static long Share(long total, int shares, int index) =>
        total <= 0 || index < 0 || index >= shares ? 0 : (total / shares) + (index < total % shares ? 1 : 0);

    /// <summary>Paced sends per second (datagram stream, rr-under-load); 0 sends as fast as possible.</summary>
    public double RatePerSecond { get; init; }

    /// <summary>Datagram rr: how long a request waits for its response before it counts as lost.</summary>
    public long TimeoutNs { get; init; } = 100_000_000;

    /// <summary>How long a datagram receiver drains after T1 when the end marker does not arrive.</summary>
    public long DrainGraceNs { get; init; } = 200_000_000;

    /// <summary>crr: who closes.</summary>
    public CloseMode Close { get; init; } = CloseMode.Client;

    /// <summary>True when the transport keeps message boundaries (one receive = one message).</summary>
    public bool MessageBoundaries { get; init; }

    /// <summary>TCP_QUICKACK asked for: receivers re-arm it after each receive. Defaults to false.</summary>
    public bool QuickAck { get; init; }

    /// <summary>Stream senders use MSG_ZEROCOPY (needs <see cref="WorkloadContext.ClientSocket"/>). Defaults to false.</summary>
    public bool ZeroCopy { get; init; }

    /// <summary>Stream receivers use MSG_TRUNC (needs the raw sockets). Defaults to false.</summary>
    public bool SkipCopy { get; init; }

    /// <summary>rr: SO_TIMESTAMPING stamps on sampled transactions (needs the raw sockets). Defaults to false.</summary>
    public bool Timestamps { get; init; }

    /// <summary>UDP stream: datagrams per sendmmsg/recvmmsg call (needs the raw sockets); 1 sends one per call. Defaults to 1.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>UDP stream: UDP_GRO on the receiving socket, coalesced receives split at their segment size. Defaults to false.</summary>
    public bool UdpGro { get; init; }
}

/// <summary>A traffic pattern, written once against the engine seam.</summary>
internal interface IWorkload
{
    /// <summary>Creates the ends with their loops and preallocated buffers.</summary>
    IReadOnlyList<WorkloadEnd> CreateEnds(WorkloadContext context);
}
