using System.Text.Json.Serialization;
using LoopBench.Core.Engines;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Scenarios;

/// <summary>
/// One measured configuration, immutable. Optional fields left null take pattern-dependent
/// defaults in <see cref="Resolve"/>; results always store the resolved case.
/// </summary>
internal sealed record Case
{
    /// <summary>Largest message, request or response: 64 MiB.</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    /// <summary>Transport. Defaults to tcp4.</summary>
    public TransportKind Transport { get; init; } = TransportKind.Tcp4;

    /// <summary>Traffic pattern. Defaults to stream.</summary>
    public PatternKind Pattern { get; init; } = PatternKind.Stream;

    /// <summary>Engine. Defaults to blocking.</summary>
    public EngineKind Engine { get; init; } = EngineKind.Blocking;

    /// <summary>Thread placement. Defaults to unpinned.</summary>
    public PlacementKind Placement { get; init; } = PlacementKind.Unpinned;

    /// <summary>Placement cpus: the CPU of the client end's threads. Null otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ClientCpu { get; init; }

    /// <summary>Placement cpus: the CPU of the server end's threads; null leaves the server unpinned (iperf3 -A N).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ServerCpu { get; init; }

    /// <summary>Loopback address the server binds (IP transports). Defaults to 127.0.0.1 or ::1.</summary>
    public string? Bind { get; init; }

    /// <summary>Server port; 0 lets the kernel choose. Not part of the case key. Defaults to 0.</summary>
    public int Port { get; init; }

    /// <summary>Parent of the private 0700 directory for Unix paths. Not part of the key. Defaults to the temp directory.</summary>
    public string? UnixDirectory { get; init; }

    /// <summary>Bytes per send for stream. Defaults to 128 KiB (iperf3's TCP default).</summary>
    public int? MessageBytes { get; init; }

    /// <summary>Request size for rr. Defaults to <see cref="MessageBytes"/>, else 64 B.</summary>
    public int? RequestBytes { get; init; }

    /// <summary>Response size for rr. Defaults to <see cref="MessageBytes"/>, else 64 B.</summary>
    public int? ResponseBytes { get; init; }

    /// <summary>TCP_NODELAY. Defaults to on for rr, off for stream.</summary>
    public bool? NoDelay { get; init; }

    /// <summary>Measured window length in ms. Defaults to 10 000.</summary>
    public long DurationMs { get; init; } = 10_000;

    /// <summary>
    /// Warm-up before the window opens, in ms, extended while the runtime still compiles (Running.WarmupEnd).
    /// Defaults to 1 000; a count-based case (-n, -k) resolves it to 0.
    /// </summary>
    public long WarmupMs { get; init; } = 1_000;

    /// <summary>Interval between progress samples in ms; 0 turns them off. Not part of the key. Defaults to 1 000.</summary>
    public long IntervalMs { get; init; } = 1_000;

    /// <summary>Parallel flows (-P). rr-under-load: the stream flows beside the rr flow (0 allowed). Defaults to 1.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>
    /// Processes the case's ends run in: 1, both ends as threads of this process; 2, the server end in
    /// a child LoopBench process (as iperf3 runs its server). Part of the key when 2. Defaults to 1.
    /// </summary>
    public int Processes { get; init; } = 1;

    /// <summary>
    /// Blocking engine, byte-stream receivers: non-blocking recv calls made before the receiver blocks;
    /// 0 blocks at once. Defaults to <see cref="CaseReceiveDefaults.Spin"/>; null where no receiver
    /// would use it. Part of the key when it differs from that default.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ReceiveSpin { get; init; }

    /// <summary>The receive spin of a blocking stream receiver whose sender runs on another CPU, alone and with no receive low-water mark.</summary>
    public const int DefaultReceiveSpin = 64;

    /// <summary>
    /// TCP one-way receivers, on every engine: SO_RCVLOWAT, the bytes the socket holds before the kernel
    /// wakes the receiver; 0 leaves the kernel's 1 byte. Each wake-up is run by the sender's CPU (on
    /// loopback the receive path runs in the sender's softirq). Defaults to
    /// <see cref="CaseReceiveDefaults.Lowat"/>; null where no receiver would use it. Part of the key
    /// when it differs from that default.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ReceiveLowatBytes { get; init; }

    /// <summary>
    /// The receive low-water mark of a TCP stream receiver whose flows move as fast as their senders can:
    /// none (the kernel's 1 byte); a lone flow's blocking receiver spins instead.
    /// </summary>
    public const int DefaultReceiveLowatBytes = 0;

    /// <summary>
    /// The receive low-water mark of each TCP stream receiver when something below the sender holds the
    /// flow to a rate (<see cref="CaseReceiveDefaults.IsRateCapped"/>).
    /// </summary>
    public const int RateCappedReceiveLowatBytes = 64 * 1024;

    /// <summary>
    /// rr, crr and datagram rr on the blocking engine: both ends poll their sockets with MSG_DONTWAIT
    /// and never sleep in recv or send, so a round trip pays no wake-up (issue 20). Needs both ends
    /// pinned. Part of the key when on. Defaults to off.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Spin { get; init; }

    /// <summary>bidir only: two socket pairs per flow, or one shared. Defaults to two-sockets.</summary>
    public BidirMode? BidirMode { get; init; }

    /// <summary>
    /// Count-based stream (-n): bytes to send in all, split exactly over the flows; the whole transfer is the window
    /// (no warm-up, as iperf3's -n has no omit period) and <see cref="DurationMs"/> caps it. Null runs for the time.
    /// </summary>
    public long? ByteLimit { get; init; }

    /// <summary>Count-based rr/crr (-k): transactions in all, split exactly over the flows, all inside the window as with -n; null runs for the time.</summary>
    public long? TransactionLimit { get; init; }

    /// <summary>rr: transactions outstanding per connection (netperf burst). Defaults to 1.</summary>
    public int? Inflight { get; init; }

    /// <summary>crr: who closes (client, server, rst). Defaults to client.</summary>
    public CloseMode? Close { get; init; }

    /// <summary>Datagram stream pacing target in bit/s of payload (-b); null or 0 is as fast as possible.</summary>
    public long? BitsPerSecond { get; init; }

    /// <summary>Datagram stream pacing target in datagrams/s (--pps); null or 0 is as fast as possible.</summary>
    public double? PacketsPerSecond { get; init; }

    /// <summary>rr-under-load: requests per second of the open-loop rr flow. Defaults to 1000.</summary>
    public double? RequestsPerSecond { get; init; }

    /// <summary>Datagram rr: ms a request waits for its response before it counts as lost. Defaults to 100.</summary>
    public long? RrTimeoutMs { get; init; }

    /// <summary>Loopback address the client binds (IP transports); null lets the kernel choose. Part of the key.</summary>
    public string? Source { get; init; }

    /// <summary>Unix transports: use the abstract namespace instead of a path. Defaults to off.</summary>
    public bool UnixAbstract { get; init; }

    /// <summary>Socket options of the client socket. Defaults to kernel defaults.</summary>
    public SocketKnobs ClientKnobs { get; init; } = SocketKnobs.KernelDefault;

    /// <summary>Socket options of the server socket. Defaults to kernel defaults.</summary>
    public SocketKnobs ServerKnobs { get; init; } = SocketKnobs.KernelDefault;

    /// <summary>Send with MSG_ZEROCOPY (TCP stream senders, blocking engine). Defaults to false.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ZeroCopy { get; init; }

    /// <summary>Receive with MSG_TRUNC: bytes are counted, not copied (TCP stream receivers, blocking engine). Defaults to false.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool SkipCopy { get; init; }

    /// <summary>rr on tcp/udp, blocking engine: SO_TIMESTAMPING stamps on 1 in 64 transactions, split into where the round trip went. Defaults to false.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Timestamps { get; init; }

    /// <summary>
    /// UDP stream and reverse, blocking engine: datagrams per sendmmsg/recvmmsg call; null or 1 sends one
    /// datagram per call. Part of the key when set. Defaults to null (off).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Batch { get; init; }

    /// <summary>UDP stream and reverse, blocking engine: UDP_GRO on the receiving socket. Part of the key when on. Defaults to false.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool UdpGro { get; init; }

    /// <summary>Capture the first N packets of each repetition to a pcap beside the results; 0 = off. Not part of the key.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int CapturePackets { get; init; }

    /// <summary>
    /// Where the case runs: on the host, or in a child process inside its own network namespace.
    /// Null resolves to netns when <see cref="Kernel"/> changes the namespace, else host; a matrix
    /// then moves every case to netns when one needs it (<see cref="SandboxPlan"/>). Part of the key.
    /// </summary>
    public SandboxMode? Sandbox { get; init; }

    /// <summary>lo MTU, txqueuelen, qdisc, addresses and sysctls for the case's namespace (and, when allowed, the host). Null: none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SandboxSettings? Kernel { get; init; }

    /// <summary>True when -n or -k ends the case rather than the time: the whole transfer is the window.</summary>
    [JsonIgnore]
    public bool IsCountBased => ByteLimit is not null || TransactionLimit is not null;

    /// <summary>The canonical key of the resolved case: how results are paired across runs.</summary>
    public string Key => CaseKey.Of(Resolve());

    /// <summary>This case with every default filled in.</summary>
    public Case Resolve()
    {
        var traits = Pattern.Traits();
        bool rr = traits.Transactional;
        bool sized = rr && !traits.Dataless;
        bool streams = !rr || traits.LoadFlows;
        bool paced = streams && Transport.KeepsMessageBoundaries();
        // beside load flows, -l is their write size; the rr sizes default to 64 B.
        int rrDefault = (traits.LoadFlows ? null : MessageBytes) ?? 64;
        int streamDefault = Transport.IsUdp() || Transport == TransportKind.UnixDgram ? 1472 : 128 * 1024;
        return this with
        {
            // cpus alone implies its placement; beside another placement it is a validation error, kept visible here.
            Placement = ClientCpu is not null && Placement == PlacementKind.Unpinned ? PlacementKind.Cpus : Placement,
            Bind = Transport.IsIp() ? Bind ?? Transport.DefaultAddress() : null,
            MessageBytes = streams ? MessageBytes ?? streamDefault : null,
            RequestBytes = sized ? RequestBytes ?? rrDefault : null,
            ResponseBytes = sized ? ResponseBytes ?? rrDefault : null,
            NoDelay = Transport.IsTcp() ? NoDelay ?? rr : null,
            BidirMode = traits.BothWays ? BidirMode ?? Workloads.BidirMode.TwoSockets : null,
            Inflight = traits.Burst ? Inflight ?? 1 : null,
            Close = traits.CountsConnections ? Close ?? CloseMode.Client : null,
            BitsPerSecond = paced && BitsPerSecond is > 0 ? BitsPerSecond : null,
            PacketsPerSecond = paced && PacketsPerSecond is > 0 ? PacketsPerSecond : null,
            RequestsPerSecond = traits.OpenLoop ? RequestsPerSecond ?? 1000 : null,
            RrTimeoutMs = traits.Burst && Transport.IsConnectionless() ? RrTimeoutMs ?? 100 : null,
            Sandbox = Sandbox ?? (Kernel?.ChangesNamespace == true ? SandboxMode.Netns : SandboxMode.Host),
            WarmupMs = IsCountBased ? 0 : WarmupMs,
            ReceiveSpin = ReadsBulk(streams) && Engine == EngineKind.Blocking ? ReceiveSpin ?? CaseReceiveDefaults.Spin(this) : null,
            ReceiveLowatBytes = ReadsBulk(streams) && Transport.IsTcp() ? ReceiveLowatBytes ?? CaseReceiveDefaults.Lowat(this) : null,
            Batch = Batch == 1 ? null : Batch,
        };
    }

    /// <summary>The senders moving at once: every flow, and each direction of a flow that sends both ways.</summary>
    public int SenderCount() => Math.Max(1, Parallel) * (Pattern.Traits().BothWays ? 2 : 1);

    /// <summary>
    /// Whether a one-way receiver reads through its channel's bulk path: byte streams and datagrams,
    /// not the raw-socket loops that MSG_TRUNC and TCP_QUICKACK need.
    /// </summary>
    private bool ReadsBulk(bool streams) =>
        streams && !SkipCopy && ServerKnobs.QuickAck != true && ClientKnobs.QuickAck != true;

    /// <summary>The workload's view of the resolved sizes.</summary>
    public WorkloadParameters ToWorkloadParameters()
    {
        var r = Resolve();
        int flows = Math.Max(1, r.Parallel);
        double pps = r.PacketsPerSecond ?? (r.BitsPerSecond is long bps && r.MessageBytes is int len ? bps / (len * 8.0) : 0);
        return new WorkloadParameters(r.MessageBytes ?? 0, r.RequestBytes ?? 0, r.ResponseBytes ?? 0)
        {
            Inflight = r.Inflight ?? 1,
            ByteLimit = r.ByteLimit ?? 0,
            TransactionLimit = r.TransactionLimit ?? 0,
            LimitFlows = flows,
            LimitBothWays = r.Pattern.Traits().BothWays,
            RatePerSecond = r.Pattern.Traits().OpenLoop ? r.RequestsPerSecond ?? 0 : pps,
            TimeoutNs = (r.RrTimeoutMs ?? 100) * 1_000_000,
            Close = r.Close ?? CloseMode.Client,
            MessageBoundaries = r.Transport.KeepsMessageBoundaries(),
            QuickAck = r.ServerKnobs.QuickAck == true || r.ClientKnobs.QuickAck == true,
            ZeroCopy = r.ZeroCopy,
            SkipCopy = r.SkipCopy,
            Timestamps = r.Timestamps,
            Batch = r.Batch ?? 1,
            UdpGro = r.UdpGro,
        };
    }
}
