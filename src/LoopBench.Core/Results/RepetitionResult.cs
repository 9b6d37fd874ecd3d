using LoopBench.Core.Measurement;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Results;

/// <summary>One measured repetition of a case.</summary>
/// <param name="Index">0-based repetition number.</param>
/// <param name="StartedUtc">When its window opened.</param>
/// <param name="Interrupted">True when Ctrl-C cut the window short; figures cover the shortened window.</param>
/// <param name="ElapsedNs">T1 − T0 of the global window.</param>
/// <param name="Metrics">Named figures (ids and units in <see cref="MetricIds"/>), sorted by name.</param>
/// <param name="Latency">Round-trip percentiles for rr; null for stream.</param>
/// <param name="LatencyBuckets">The non-empty histogram buckets as [lowerNs, widthNs, count], for merging and plots.</param>
/// <param name="Ends">Each worker: where it ran and what it counted.</param>
/// <param name="Socket">Socket settings as read back from the kernel.</param>
/// <param name="Intervals">Per-interval samples inside the window.</param>
internal sealed record RepetitionResult(
    int Index,
    DateTimeOffset StartedUtc,
    bool Interrupted,
    long ElapsedNs,
    SortedDictionary<string, double> Metrics,
    LatencySummary? Latency,
    IReadOnlyList<long[]>? LatencyBuckets,
    IReadOnlyList<EndResult> Ends,
    SocketSettingsResult? Socket,
    IReadOnlyList<IntervalResult> Intervals)
{
    /// <summary>What <see cref="Latency"/> measures: rtt (rr), rtt-from-intended (rr-under-load), transaction (crr), one-way (datagram stream).</summary>
    public LatencyKind? LatencyKind { get; init; }

    /// <summary>crr: connect(2) latency percentiles.</summary>
    public LatencySummary? ConnectLatency { get; init; }

    /// <summary>Each flow (and direction) on its own, inside the same global window.</summary>
    public IReadOnlyList<FlowResult>? Flows { get; init; }

    /// <summary>Every socket knob of the first flow's pair, both sides: requested, effective, evidence. Null when not measured.</summary>
    public IReadOnlyList<KnobResult>? Knobs { get; init; }

    /// <summary>TCP_INFO of the first flow's ends, per interval and at T1. Null for non-TCP.</summary>
    public IReadOnlyList<TcpInfoSampleResult>? TcpInfo { get; init; }

    /// <summary>Knobs and TCP_INFO of every flow (crr: first and last connection of each). Null when not measured.</summary>
    public IReadOnlyList<FlowProbeResult>? FlowProbes { get; init; }

    /// <summary>Kernel counters that changed over the window, with their meaning (namespace-wide). Null when not measured.</summary>
    public IReadOnlyList<CounterDeltaResult>? KernelCounters { get; init; }

    /// <summary>
    /// Where <see cref="KernelCounters"/> came from: a network namespace other than init's, or the host's.
    /// </summary>
    public CountersScope? KernelCountersScope { get; init; }

    /// <summary>CPU over the window: process, system-wide, per thread (approximate), service demand.</summary>
    public CpuResult? Cpu { get; init; }

    /// <summary>
    /// GC collections and pause, JIT compilations and managed allocations of the whole process inside the
    /// window (T1 − T0); null in runs written before they were recorded.
    /// </summary>
    public RuntimeResult? Runtime { get; init; }

    /// <summary>The packet capture of this repetition, or why it was skipped.</summary>
    public CaptureResult? Capture { get; init; }

    /// <summary>Sandboxed cases: lo, its qdiscs (counters over the child's whole case) and the sysctls, read back inside the namespace.</summary>
    public Sandbox.SandboxReport? Sandbox { get; init; }

    /// <summary>
    /// Count-based runs (-n, -k): what closed the window, <see cref="WindowEnd.Count"/> or
    /// <see cref="WindowEnd.TimeCap"/>; null for timed runs (and in runs written before it was recorded).
    /// </summary>
    public WindowEnd? EndedBy { get; init; }

    /// <summary>Things the reader should know that are not figures, e.g. why the TCP metrics cache could not be flushed.</summary>
    public IReadOnlyList<string>? Notes { get; init; }

    /// <summary>With <c>run --quiet-host</c>: the wait for a quiet host and the outside load during the repetition; else null.</summary>
    public QuietHostResult? QuietHost { get; init; }

    /// <summary>processes: 2: the child that ran the server end, and its own window; null for one process.</summary>
    public ServerChildResult? ServerChild { get; init; }

    /// <summary>Host-wide sysctls changed (journaled, then restored) while this repetition ran; null when none.</summary>
    public IReadOnlyList<Sandbox.SysctlJournalEntry>? HostSysctls { get; init; }
}

/// <summary>One flow of a repetition, in one direction.</summary>
/// <param name="Flow">0-based flow number (rr-under-load: 0 is the rr flow).</param>
/// <param name="Direction">Which way the flow's data goes.</param>
/// <param name="SentBytes">Payload bytes its sender counted inside the window (the sender's view).</param>
/// <param name="Bytes">Payload bytes its receiver counted (the receiver's view; rr: both ways).</param>
/// <param name="ThroughputBitsPerSecond">Bytes × 8 / window.</param>
/// <param name="Transactions">Transactions completed (rr, crr).</param>
internal sealed record FlowResult(int Flow, TrafficDirection Direction, long SentBytes, long Bytes, double ThroughputBitsPerSecond, long Transactions);

/// <summary>One worker thread of a repetition.</summary>
/// <param name="Name">Thread name.</param>
/// <param name="Role">The side of the connection it ran.</param>
/// <param name="CpuRequested">CPU it was pinned to, or null when unpinned.</param>
/// <param name="CpusObserved">CPUs it was seen running on (sampled each interval from /proc).</param>
/// <param name="Bytes">Payload bytes counted in the window.</param>
/// <param name="Messages">Send/receive calls counted in the window.</param>
/// <param name="Transactions">Transactions counted in the window.</param>
/// <param name="SendCalls">Socket send calls over the whole run, warm-up included.</param>
/// <param name="ReceiveCalls">Socket receive calls over the whole run.</param>
/// <param name="ShortSends">Sends that moved fewer bytes than offered.</param>
/// <param name="Failure">Why it stopped early, or null.</param>
internal sealed record EndResult(
    string Name,
    EndRole Role,
    int? CpuRequested,
    IReadOnlyList<int> CpusObserved,
    long Bytes,
    long Messages,
    long Transactions,
    long SendCalls,
    long ReceiveCalls,
    long ShortSends,
    string? Failure)
{
    /// <summary>Engine calls that completed at once, over the whole run (warm-up included).</summary>
    public long? SyncCompletions { get; init; }

    /// <summary>Engine calls that had to wait for the socket (a continuation later), over the whole run.</summary>
    public long? AsyncCompletions { get; init; }

    /// <summary>Receives that returned fewer bytes than asked for, over the whole run.</summary>
    public long? ShortReceives { get; init; }

    /// <summary>Stream receives answered during the receive spin, over the whole run; null when the end did not spin.</summary>
    public long? ReceiveSpinHits { get; init; }

    /// <summary>Stream receives whose spin found nothing, so the end blocked; null when it did not spin.</summary>
    public long? ReceiveSpinMisses { get; init; }

    /// <summary>SO_RCVLOWAT as read back after the end set it as a one-way TCP receiver (the kernel caps it at half the receive buffer); null where it set none.</summary>
    public int? ReceiveLowatBytes { get; init; }

    /// <summary>The pid of the process the end ran in when that was not the measuring process (processes: 2); null otherwise.</summary>
    public int? ProcessId { get; init; }

    /// <summary>
    /// Nanoseconds the end's thread waited runnable on a run queue inside the window while another
    /// task had the CPU (schedstat): what it lost to the other end, the harness and the rest of the
    /// host. Null where the kernel has no schedstats, and in older runs.
    /// </summary>
    public long? RunQueueWaitNs { get; init; }

    /// <summary>Times the end's thread was put on a CPU inside the window (schedstat); null as <see cref="RunQueueWaitNs"/>.</summary>
    public long? Timeslices { get; init; }
}

/// <summary>One progress interval inside the window, offsets from T0.</summary>
/// <param name="StartNs">Start offset from T0.</param>
/// <param name="EndNs">End offset from T0.</param>
/// <param name="Bytes">Bytes counted (receiver side for stream, both directions for rr).</param>
/// <param name="Transactions">Transactions completed.</param>
internal sealed record IntervalResult(long StartNs, long EndNs, long Bytes, long Transactions)
{
    /// <summary>With more than one flow: the bytes each flow counted in the interval (index = flow number); else null.</summary>
    public IReadOnlyList<long>? FlowBytes { get; init; }

    /// <summary>
    /// Datagram streams: sequence numbers the receivers' highest advanced over in the interval
    /// (iperf3's per-interval "Total"); else null.
    /// </summary>
    public long? Datagrams { get; init; }

    /// <summary>
    /// Datagram streams: of <see cref="Datagrams"/>, those not received (gaps behind the highest,
    /// iperf3's per-interval "Lost"). A datagram that arrives after a later one fills its gap in the
    /// next interval, which then counts one less (negative only after reordering).
    /// </summary>
    public long? LostDatagrams { get; init; }

    /// <summary>TCP: segments both ends of every flow retransmitted in the interval (iperf3's Retr; with several flows, its SUM line's); else null.</summary>
    public long? Retransmits { get; init; }

    /// <summary>TCP stream or reverse with one flow: the sender's congestion window at the interval's end, snd_cwnd × MSS in bytes (iperf3's Cwnd); else null.</summary>
    public long? SendCwndBytes { get; init; }

    /// <summary>Throughput over the interval in bit/s.</summary>
    public double BitsPerSecond() => EndNs > StartNs ? Bytes * 8e9 / (EndNs - StartNs) : 0;

    /// <summary>Transactions per second over the interval.</summary>
    public double TransactionsPerSecond() => EndNs > StartNs ? Transactions * 1e9 / (EndNs - StartNs) : 0;
}
