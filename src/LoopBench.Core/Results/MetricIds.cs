namespace LoopBench.Core.Results;

/// <summary>
/// Stable metric ids. Each name carries its unit; these are the keys of
/// <see cref="RepetitionResult.Metrics"/> and what compare, plot and export refer to.
/// </summary>
internal static class MetricIds
{
    /// <summary>Payload bytes received inside the window (stream), or moved both ways (rr).</summary>
    public const string Bytes = "bytes";

    /// <summary>Payload bytes the sender counted inside the window (stream).</summary>
    public const string SentBytes = "sentBytes";

    /// <summary>Receive calls (stream) or messages (rr) inside the window.</summary>
    public const string Messages = "messages";

    /// <summary>bytes × 8 / window, bit/s (1 Gbit = 10^9 bit).</summary>
    public const string ThroughputBitsPerSecond = "throughputBitsPerSecond";

    /// <summary>Sender's sends per second (stream).</summary>
    public const string MessagesPerSecond = "messagesPerSecond";

    /// <summary>Transactions completed inside the window (rr).</summary>
    public const string Transactions = "transactions";

    /// <summary>Transactions per second (rr).</summary>
    public const string TransactionsPerSecond = "transactionsPerSecond";

    /// <summary>Round-trip latency quantiles in ns (rr), present only when enough samples exist.</summary>
    public const string RttMinNs = "rttMinNs";

    /// <summary>Median round trip, ns.</summary>
    public const string RttP50Ns = "rttP50Ns";

    /// <summary>90th percentile round trip, ns.</summary>
    public const string RttP90Ns = "rttP90Ns";

    /// <summary>99th percentile round trip, ns.</summary>
    public const string RttP99Ns = "rttP99Ns";

    /// <summary>99.9th percentile round trip, ns.</summary>
    public const string RttP999Ns = "rttP999Ns";

    /// <summary>Largest round trip, ns.</summary>
    public const string RttMaxNs = "rttMaxNs";

    /// <summary>Mean round trip, ns.</summary>
    public const string RttMeanNs = "rttMeanNs";

    /// <summary>Sender's view: sentBytes × 8 / window, bit/s.</summary>
    public const string SentThroughputBitsPerSecond = "sentThroughputBitsPerSecond";

    /// <summary>bidir: receiver's view of the client-to-server direction, bit/s.</summary>
    public const string C2sThroughputBitsPerSecond = "c2sThroughputBitsPerSecond";

    /// <summary>bidir: receiver's view of the server-to-client direction, bit/s.</summary>
    public const string S2cThroughputBitsPerSecond = "s2cThroughputBitsPerSecond";

    /// <summary>Flows measured (per direction for bidir).</summary>
    public const string Flows = "flows";

    /// <summary>Jain's fairness index over the flows' throughput (or transactions): 1 = equal, 1/n = one flow has it all.</summary>
    public const string FairnessJain = "fairnessJain";

    /// <summary>Datagrams (or open-loop requests) sent inside the window.</summary>
    public const string DatagramsSent = "datagramsSent";

    /// <summary>Distinct in-window datagrams received, drain included.</summary>
    public const string DatagramsReceived = "datagramsReceived";

    /// <summary>sent − distinct received, never negative (UDP only: AF_UNIX senders block instead).</summary>
    public const string DatagramsLost = "datagramsLost";

    /// <summary>Lost / sent, 0..1 (UDP; datagram rr: timed-out requests / requests).</summary>
    public const string LossRatio = "lossRatio";

    /// <summary>Datagrams received twice.</summary>
    public const string Duplicates = "duplicates";

    /// <summary>Datagrams that arrived after a later one.</summary>
    public const string OutOfOrder = "outOfOrder";

    /// <summary>RFC 3550 interarrival jitter, ns (mean over receivers).</summary>
    public const string JitterNs = "jitterNs";

    /// <summary>Datagrams sent per second inside the window (the rate achieved).</summary>
    public const string AchievedPacketsPerSecond = "achievedPacketsPerSecond";

    /// <summary>The pacing target, datagrams (or requests) per second; absent when unpaced.</summary>
    public const string TargetPacketsPerSecond = "targetPacketsPerSecond";

    /// <summary>Most datagrams sent at one wake-up.</summary>
    public const string MaxBurst = "maxBurst";

    /// <summary>Largest lateness of a paced wake-up behind its deadline, ns.</summary>
    public const string MaxScheduleLateNs = "maxScheduleLateNs";

    /// <summary>Mean lateness of paced wake-ups, ns.</summary>
    public const string MeanScheduleLateNs = "meanScheduleLateNs";

    /// <summary>Sends that blocked (took over 50 µs): how AF_UNIX shows a full receiver instead of loss.</summary>
    public const string BlockedSends = "blockedSends";

    /// <summary>Time spent in sends that blocked, ns.</summary>
    public const string SendBlockedNs = "sendBlockedNs";

    /// <summary>Sends refused for now (ENOBUFS, EAGAIN) and retried.</summary>
    public const string SendErrors = "sendErrors";

    /// <summary>Datagram rr: requests with no response within the timeout.</summary>
    public const string TimedOut = "timedOut";

    /// <summary>One-way delay quantiles (datagram stream), ns.</summary>
    public const string OwdP50Ns = "owdP50Ns";

    /// <summary>99th percentile one-way delay, ns.</summary>
    public const string OwdP99Ns = "owdP99Ns";

    /// <summary>Largest one-way delay, ns.</summary>
    public const string OwdMaxNs = "owdMaxNs";

    /// <summary>crr: connections per second.</summary>
    public const string ConnectionsPerSecond = "connectionsPerSecond";

    /// <summary>crr: median connect(2) latency, ns.</summary>
    public const string ConnectP50Ns = "connectP50Ns";

    /// <summary>crr: 99th percentile connect latency, ns.</summary>
    public const string ConnectP99Ns = "connectP99Ns";

    /// <summary>crr: managed bytes allocated per connection by the client thread.</summary>
    public const string AllocatedBytesPerConnection = "allocatedBytesPerConnection";

    /// <summary>crr: TCP sockets in TIME_WAIT (/proc/net/sockstat) before the window.</summary>
    public const string TimeWaitAtT0 = "timeWaitAtT0";

    /// <summary>crr: TCP sockets in TIME_WAIT at T1.</summary>
    public const string TimeWaitAtT1 = "timeWaitAtT1";

    /// <summary>LoopBench's process CPU (user + system, both ends) over the window, µs.</summary>
    public const string CpuProcessUs = "cpuProcessUs";

    /// <summary>Process CPU as a percentage of one core over the window (200 = two cores busy).</summary>
    public const string CpuProcessPercentOfOneCore = "cpuProcessPercentOfOneCore";

    /// <summary>Service demand: process CPU µs per KiB moved (netperf's sense, process view). Lower is better.</summary>
    public const string ServiceDemandUsPerKiB = "serviceDemandUsPerKiB";

    /// <summary>Service demand per transaction (rr patterns): process CPU µs per transaction.</summary>
    public const string ServiceDemandUsPerTransaction = "serviceDemandUsPerTransaction";

    /// <summary>CPU of LoopBench threads that are not workers (coordinator, GC, runtime), µs.</summary>
    public const string HarnessOverheadUs = "harnessOverheadUs";

    /// <summary>TCP_INFO smoothed RTT of the first flow's client at T1, µs.</summary>
    public const string TcpRttUs = "tcpRttUs";

    /// <summary>TCP_INFO windowed minimum RTT of the first flow's client at T1, µs.</summary>
    public const string TcpMinRttUs = "tcpMinRttUs";

    /// <summary>Segments retransmitted by the first flow's ends inside the window (Δ tcpi_total_retrans).</summary>
    public const string TcpRetransSegments = "tcpRetransSegments";

    /// <summary>Packets lo's root qdisc dropped inside the window (queue full behind a shaper).</summary>
    public const string QdiscDrops = "qdiscDrops";

    /// <summary>qdisc drops ÷ (drops + packets sent) inside the window: the share of offered packets the queue threw away.</summary>
    public const string QdiscDropRatio = "qdiscDropRatio";

    /// <summary>Δ Udp.RcvbufErrors over the window: datagrams dropped on a full receive buffer (namespace-wide).</summary>
    public const string UdpRcvbufErrors = "udpRcvbufErrors";

    /// <summary>Δ TcpExt.TCPBacklogDrop over the window (namespace-wide).</summary>
    public const string TcpBacklogDrops = "tcpBacklogDrops";

    /// <summary>Δ softnet time_squeeze over the window, all CPUs.</summary>
    public const string SoftnetTimeSqueeze = "softnetTimeSqueeze";

    /// <summary>Connections to the case's listener from anyone but its own client: closed, never measured.</summary>
    public const string StrayConnections = "strayConnections";

    /// <summary>
    /// Timestamps: p50 and p99 of one part of a sampled round trip, ns ("stamp" + component + "P50Ns"),
    /// for the components of <see cref="Measurement.RoundTripComponent"/> in order.
    /// </summary>
    public static readonly IReadOnlyList<(string P50, string P99)> StampComponents =
    [
        ("stampClientSendP50Ns", "stampClientSendP99Ns"),
        ("stampRequestStackP50Ns", "stampRequestStackP99Ns"),
        ("stampServerWakeP50Ns", "stampServerWakeP99Ns"),
        ("stampServerTurnaroundP50Ns", "stampServerTurnaroundP99Ns"),
        ("stampServerSendP50Ns", "stampServerSendP99Ns"),
        ("stampResponseStackP50Ns", "stampResponseStackP99Ns"),
        ("stampClientWakeP50Ns", "stampClientWakeP99Ns"),
    ];

    /// <summary>Timestamps: median over complete samples of (sum of the components) / the client's RTT.</summary>
    public const string StampSumOverRttMedian = "stampSumOverRttMedian";

    /// <summary>Timestamps: complete samples (all eight stamps) inside the window.</summary>
    public const string StampSamples = "stampSamples";

    /// <summary>Timestamps: 1 in how many transactions was sampled.</summary>
    public const string StampSampleEvery = "stampSampleEvery";
}
