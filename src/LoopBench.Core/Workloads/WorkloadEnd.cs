using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;

namespace LoopBench.Core.Workloads;

/// <summary>One end of a workload: its loop, its channel and what it counted.</summary>
internal sealed class WorkloadEnd
{
    /// <summary>Creates an end; <see cref="Body"/> is set by the workload.</summary>
    public WorkloadEnd(string name, EndRole role, EndDirection direction, IChannel channel)
    {
        Name = name;
        Role = role;
        Direction = direction;
        Channel = channel;
    }

    /// <summary>Thread name, e.g. "lb-c0-tx".</summary>
    public string Name { get; }

    /// <summary>Client or server side.</summary>
    public EndRole Role { get; }

    /// <summary>Whether this end's counted bytes are sent or received.</summary>
    public EndDirection Direction { get; }

    /// <summary>The channel it moves bytes through.</summary>
    public IChannel Channel { get; }

    /// <summary>In-window counts.</summary>
    public WorkerCounters Counters { get; } = new();

    /// <summary>Round-trip times, for ends that time transactions.</summary>
    public LatencyHistogram? Latency { get; init; }

    /// <summary>The flow this end belongs to (0-based).</summary>
    public int Flow { get; init; }

    /// <summary>Which way the flow's bytes go; null for rr-style ends.</summary>
    public FlowDirection? FlowDirection { get; init; }

    /// <summary>
    /// True when a count-based run (-n, -k) waits for this end to finish before closing the window;
    /// false for ends that only stop once the window closes (datagram receivers, crr accept loops).
    /// </summary>
    public bool Finishes { get; init; } = true;

    /// <summary>Sequence, pacing and blocking figures, for datagram-style ends.</summary>
    public DatagramCounters? Datagrams { get; init; }

    /// <summary>crr: connect(2) latency.</summary>
    public LatencyHistogram? ConnectLatency { get; init; }

    /// <summary>What <see cref="Latency"/> measures. Defaults to <see cref="Measurement.LatencyKind.Rtt"/>.</summary>
    public LatencyKind LatencyKind { get; init; } = LatencyKind.Rtt;

    /// <summary>crr: managed bytes this end's thread allocated over its in-window connections.</summary>
    public long AllocatedBytes { get; set; }

    /// <summary>The loop to run.</summary>
    public Func<ValueTask> Body { get; set; } = static () => ValueTask.CompletedTask;

    /// <summary>
    /// Count-based runs (-n, -k): Stopwatch ticks when this end completed its last counted operation
    /// (a stream receiver: end of stream; an rr client: its last response), so T1 is that moment and not
    /// the coordinator's wake-up after it; 0 when not stamped.
    /// </summary>
    public long FinishedTicks { get; set; }

    /// <summary>Why the loop stopped early, e.g. "ConnectionReset"; null when it ended normally.</summary>
    public string? Failure { get; set; }

    /// <summary>Connections from strangers this end accepted, closed unread and did not measure (crr's listener).</summary>
    public int StrayConnections { get; set; }

    /// <summary>crr: TCP_INFO of the first and last connection; null for other patterns.</summary>
    public ConnectionProbe? Connections { get; set; }

    /// <summary>rr with timestamps: the flow's sampled stamps (on its client end); null otherwise.</summary>
    public RoundTripLedger? Stamps { get; init; }

    /// <summary>Zero-copy senders: the sender with its completion counts; null otherwise.</summary>
    public Interop.ZeroCopySender? ZeroCopy { get; set; }
}

/// <summary>Which bytes an end counts.</summary>
internal enum EndDirection
{
    /// <summary>Counts bytes it sent.</summary>
    [Id("send")]
    Send,

    /// <summary>Counts bytes it received.</summary>
    [Id("receive")]
    Receive,

    /// <summary>Counts both (request/response ends).</summary>
    [Id("both")]
    Both,
}
