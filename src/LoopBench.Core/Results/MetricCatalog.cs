
namespace LoopBench.Core.Results;

/// <summary>Which way is better for a metric.</summary>
internal enum BetterDirection
{
    /// <summary>Throughput, transactions per second.</summary>
    [Id("higher")]
    Higher,

    /// <summary>Latency, loss, CPU per byte.</summary>
    [Id("lower")]
    Lower,
}

/// <summary>What compare and export know about one metric id.</summary>
/// <param name="Id">The id in <see cref="RepetitionResult.Metrics"/>.</param>
/// <param name="Unit">Recorded unit.</param>
/// <param name="Better">Better direction.</param>
/// <param name="Compared">False for figures that only restate another (raw counts that scale with the window).</param>
/// <param name="RelativeThreshold">Default smallest relative change that counts, e.g. 0.05 for 5%.</param>
/// <param name="AbsoluteFloor">Default noise floor in the metric's unit: smaller differences never count.</param>
/// <param name="Description">One line for exports' help text.</param>
internal sealed record MetricInfo(
    string Id,
    MetricUnitKind Unit,
    BetterDirection Better,
    bool Compared,
    double RelativeThreshold,
    double AbsoluteFloor,
    string Description)
{
    /// <summary>What a cost figure is per ("KiB", "transaction"), so its unit reads "us/KiB"; null for a plain unit.</summary>
    public string? PerWhat { get; init; }
}

/// <summary>
/// Every metric id LoopBench knows, with unit, better direction and default threshold. Ids a run
/// carries that are not listed here (written by a newer build) are skipped by compare and exported
/// with an unknown unit, never a crash.
/// </summary>
internal static class MetricCatalog
{
    /// <summary>Throughput-like figures: a 5% change is the smallest that counts by default.</summary>
    public const double ThroughputThreshold = 0.05;

    /// <summary>CPU cost figures are noisier than throughput (10 ms /proc ticks): 10%.</summary>
    public const double CpuThreshold = 0.10;

    /// <summary>Tail latency moves more run to run: 10% by default.</summary>
    public const double TailLatencyThreshold = 0.10;

    /// <summary>
    /// Latency noise floor: 500 ns. Scheduler wake-up jitter on a small VM is of this order, and a
    /// 13 µs loopback RTT that moves by less is not a finding, whatever its percentage.
    /// </summary>
    public const double LatencyFloorNs = 500;

    private static readonly MetricInfo[] All =
    [
        new(MetricIds.ThroughputBitsPerSecond, MetricUnitKind.BitsPerSecond, BetterDirection.Higher, true, ThroughputThreshold, 0, "Payload throughput inside the window"),
        new(MetricIds.MessagesPerSecond, MetricUnitKind.PerSecond, BetterDirection.Higher, true, ThroughputThreshold, 0, "Sender's sends per second"),
        new(MetricIds.TransactionsPerSecond, MetricUnitKind.PerSecond, BetterDirection.Higher, true, ThroughputThreshold, 0, "Request/response transactions per second"),
        new(MetricIds.RttMeanNs, MetricUnitKind.Nanoseconds, BetterDirection.Lower, true, ThroughputThreshold, LatencyFloorNs, "Mean round trip"),
        new(MetricIds.RttP50Ns, MetricUnitKind.Nanoseconds, BetterDirection.Lower, true, ThroughputThreshold, LatencyFloorNs, "Median round trip"),
        new(MetricIds.RttP90Ns, MetricUnitKind.Nanoseconds, BetterDirection.Lower, true, TailLatencyThreshold, LatencyFloorNs, "90th percentile round trip"),
        new(MetricIds.RttP99Ns, MetricUnitKind.Nanoseconds, BetterDirection.Lower, true, TailLatencyThreshold, LatencyFloorNs, "99th percentile round trip"),
        new(MetricIds.RttP999Ns, MetricUnitKind.Nanoseconds, BetterDirection.Lower, true, TailLatencyThreshold, LatencyFloorNs, "99.9th percentile round trip"),
        new(MetricIds.RttMinNs, MetricUnitKind.Nanoseconds, BetterDirection.Lower, true, TailLatencyThreshold, LatencyFloorNs, "Fastest round trip"),

        // The maximum is one sample: reported, never judged.
        new(MetricIds.RttMaxNs, MetricUnitKind.Nanoseconds, BetterDirection.Lower, false, TailLatencyThreshold, LatencyFloorNs, "Slowest round trip"),

        new(MetricIds.SentThroughputBitsPerSecond, MetricUnitKind.BitsPerSecond, BetterDirection.Higher, true, ThroughputThreshold, 0, "Throughput as the senders counted it"),
        new(MetricIds.C2sThroughputBitsPerSecond, MetricUnitKind.BitsPerSecond, BetterDirection.Higher, true, ThroughputThreshold, 0, "Client-to-server throughput (bidir)"),
        new(MetricIds.S2cThroughputBitsPerSecond, MetricUnitKind.BitsPerSecond, BetterDirection.Higher, true, ThroughputThreshold, 0, "Server-to-client throughput (bidir)"),
        new(MetricIds.FairnessJain, MetricUnitKind.Ratio, BetterDirection.Higher, true, ThroughputThreshold, 0, "Jain's fairness index across parallel flows"),
        new(MetricIds.AchievedPacketsPerSecond, MetricUnitKind.PerSecond, BetterDirection.Higher, true, ThroughputThreshold, 0, "Datagrams per second the paced senders achieved"),
        new(MetricIds.ConnectionsPerSecond, MetricUnitKind.PerSecond, BetterDirection.Higher, true, ThroughputThreshold, 0, "Connect/request/response/close cycles per second"),
        new(MetricIds.JitterNs, MetricUnitKind.Nanoseconds, BetterDirection.Lower, true, TailLatencyThreshold, LatencyFloorNs, "RFC 3550 interarrival jitter"),
        new(MetricIds.OwdP50Ns, MetricUnitKind.Nanoseconds, BetterDirection.Lower, true, ThroughputThreshold, LatencyFloorNs, "Median one-way delay"),
        new(MetricIds.OwdP99Ns, MetricUnitKind.Nanoseconds, BetterDirection.Lower, true, TailLatencyThreshold, LatencyFloorNs, "99th percentile one-way delay"),
        new(MetricIds.ConnectP50Ns, MetricUnitKind.Nanoseconds, BetterDirection.Lower, true, ThroughputThreshold, LatencyFloorNs, "Median connect latency"),
        new(MetricIds.ConnectP99Ns, MetricUnitKind.Nanoseconds, BetterDirection.Lower, true, TailLatencyThreshold, LatencyFloorNs, "99th percentile connect latency"),
        new(MetricIds.MeanScheduleLateNs, MetricUnitKind.Nanoseconds, BetterDirection.Lower, true, TailLatencyThreshold, LatencyFloorNs, "Mean lateness of the paced send schedule"),

        // Loss is often exactly 0, where a log-ratio estimator is undefined: recorded and exported, not judged yet.
        new(MetricIds.LossRatio, MetricUnitKind.Ratio, BetterDirection.Lower, false, TailLatencyThreshold, 0, "Datagrams lost / sent (never negative)"),
        new(MetricIds.OwdMaxNs, MetricUnitKind.Nanoseconds, BetterDirection.Lower, false, TailLatencyThreshold, LatencyFloorNs, "Largest one-way delay"),
        new(MetricIds.MaxScheduleLateNs, MetricUnitKind.Nanoseconds, BetterDirection.Lower, false, TailLatencyThreshold, LatencyFloorNs, "Largest lateness of the paced send schedule"),
        new(MetricIds.SendBlockedNs, MetricUnitKind.Nanoseconds, BetterDirection.Lower, false, TailLatencyThreshold, 0, "Time senders spent blocked (unix datagrams)"),
        new(MetricIds.AllocatedBytesPerConnection, MetricUnitKind.Bytes, BetterDirection.Lower, false, TailLatencyThreshold, 0, "Managed bytes allocated per crr connection"),

        // Raw counts scale with the window length; their rates above are what compare judges.
        new(MetricIds.Bytes, MetricUnitKind.Bytes, BetterDirection.Higher, false, ThroughputThreshold, 0, "Payload bytes counted in the window"),
        new(MetricIds.SentBytes, MetricUnitKind.Bytes, BetterDirection.Higher, false, ThroughputThreshold, 0, "Payload bytes the sender counted"),
        new(MetricIds.Messages, MetricUnitKind.Count, BetterDirection.Higher, false, ThroughputThreshold, 0, "Messages counted in the window"),
        new(MetricIds.Transactions, MetricUnitKind.Count, BetterDirection.Higher, false, ThroughputThreshold, 0, "Transactions counted in the window"),
        new(MetricIds.Flows, MetricUnitKind.Count, BetterDirection.Higher, false, ThroughputThreshold, 0, "Parallel flows"),
        new(MetricIds.DatagramsSent, MetricUnitKind.Count, BetterDirection.Higher, false, ThroughputThreshold, 0, "Datagrams sent in the window"),
        new(MetricIds.DatagramsReceived, MetricUnitKind.Count, BetterDirection.Higher, false, ThroughputThreshold, 0, "Distinct datagrams received"),
        new(MetricIds.DatagramsLost, MetricUnitKind.Count, BetterDirection.Lower, false, ThroughputThreshold, 0, "Datagrams lost"),
        new(MetricIds.Duplicates, MetricUnitKind.Count, BetterDirection.Lower, false, ThroughputThreshold, 0, "Duplicate datagrams"),
        new(MetricIds.OutOfOrder, MetricUnitKind.Count, BetterDirection.Lower, false, ThroughputThreshold, 0, "Out-of-order datagrams"),
        new(MetricIds.TargetPacketsPerSecond, MetricUnitKind.PerSecond, BetterDirection.Higher, false, ThroughputThreshold, 0, "Paced target rate (a setting, not a result)"),
        new(MetricIds.MaxBurst, MetricUnitKind.Count, BetterDirection.Lower, false, ThroughputThreshold, 0, "Largest number of datagrams sent at one wake-up"),
        new(MetricIds.BlockedSends, MetricUnitKind.Count, BetterDirection.Lower, false, ThroughputThreshold, 0, "Sends that blocked (unix datagrams)"),
        new(MetricIds.SendErrors, MetricUnitKind.Count, BetterDirection.Lower, false, ThroughputThreshold, 0, "Send calls that failed"),
        new(MetricIds.TimedOut, MetricUnitKind.Count, BetterDirection.Lower, false, ThroughputThreshold, 0, "Requests with no response inside the timeout"),
        new(MetricIds.StrayConnections, MetricUnitKind.Count, BetterDirection.Lower, false, ThroughputThreshold, 0, "Connections from strangers to a case's listener, closed and not measured"),
        new(MetricIds.TimeWaitAtT0, MetricUnitKind.Count, BetterDirection.Lower, false, ThroughputThreshold, 0, "Sockets in TIME_WAIT at T0 (/proc/net/sockstat)"),
        new(MetricIds.TimeWaitAtT1, MetricUnitKind.Count, BetterDirection.Lower, false, ThroughputThreshold, 0, "Sockets in TIME_WAIT at T1 (/proc/net/sockstat)"),
        new(MetricIds.CpuProcessUs, MetricUnitKind.Microseconds, BetterDirection.Lower, false, CpuThreshold, 10_000, "LoopBench process CPU (user + system, both ends) over the window"),
        new(MetricIds.CpuProcessPercentOfOneCore, MetricUnitKind.Percent, BetterDirection.Lower, false, CpuThreshold, 2, "Process CPU as % of one core over the window"),
        new(MetricIds.ServiceDemandUsPerKiB, MetricUnitKind.Microseconds, BetterDirection.Lower, true, CpuThreshold, 0.001, "Service demand: process CPU us per KiB moved") { PerWhat = "KiB" },
        new(MetricIds.ServiceDemandUsPerTransaction, MetricUnitKind.Microseconds, BetterDirection.Lower, true, CpuThreshold, 0.1, "Service demand: process CPU us per transaction") { PerWhat = "transaction" },
        new(MetricIds.HarnessOverheadUs, MetricUnitKind.Microseconds, BetterDirection.Lower, false, CpuThreshold, 10_000, "CPU of LoopBench threads that are not workers"),
        new(MetricIds.TcpRttUs, MetricUnitKind.Microseconds, BetterDirection.Lower, false, CpuThreshold, 5, "TCP_INFO smoothed RTT at T1 of the first flow's data sender (the server for reverse, else the client)"),
        new(MetricIds.TcpMinRttUs, MetricUnitKind.Microseconds, BetterDirection.Lower, false, CpuThreshold, 5, "TCP_INFO minimum RTT at T1 of the first flow's data sender (the server for reverse, else the client)"),
        new(MetricIds.TcpRetransSegments, MetricUnitKind.Count, BetterDirection.Lower, false, CpuThreshold, 0, "Segments retransmitted inside the window by both ends of every flow (TCP_INFO total_retrans at T1 minus T0)"),
        new(MetricIds.QdiscDrops, MetricUnitKind.Count, BetterDirection.Lower, false, CpuThreshold, 0, "Packets lo's root qdisc dropped inside the window (tc -s qdisc)"),
        new(MetricIds.QdiscDropRatio, MetricUnitKind.Ratio, BetterDirection.Lower, false, CpuThreshold, 0, "Share of packets lo's root qdisc dropped: drops ÷ (drops + sent) inside the window"),
        new(MetricIds.UdpRcvbufErrors, MetricUnitKind.Count, BetterDirection.Lower, false, CpuThreshold, 0, "Udp.RcvbufErrors over the window: drops on a full receive buffer"),
        new(MetricIds.TcpBacklogDrops, MetricUnitKind.Count, BetterDirection.Lower, false, CpuThreshold, 0, "TcpExt.TCPBacklogDrop over the window"),
        new(MetricIds.SoftnetTimeSqueeze, MetricUnitKind.Count, BetterDirection.Lower, false, CpuThreshold, 0, "softnet time_squeeze over the window, all CPUs"),
        .. StampMetrics(),
    ];

    /// <summary>Timestamps: each component's p50 (judged like a median) and p99 (a tail), then the check and the counts.</summary>
    private static IEnumerable<MetricInfo> StampMetrics()
    {
        string[] names = ["client send path", "request through the stack", "server wake-up", "server turnaround", "server send path", "response through the stack", "client wake-up"];
        for (int i = 0; i < names.Length; i++)
        {
            yield return new(MetricIds.StampComponents[i].P50, MetricUnitKind.Nanoseconds, BetterDirection.Lower, true, TailLatencyThreshold, LatencyFloorNs, $"Timestamps: median {names[i]} of sampled round trips");
            yield return new(MetricIds.StampComponents[i].P99, MetricUnitKind.Nanoseconds, BetterDirection.Lower, false, TailLatencyThreshold, LatencyFloorNs, $"Timestamps: 99th percentile {names[i]} of sampled round trips");
        }

        yield return new(MetricIds.StampSumOverRttMedian, MetricUnitKind.Ratio, BetterDirection.Lower, false, ThroughputThreshold, 0, "Timestamps: median of (sum of components) / RTT; near 1 when the stamps account for the round trip");
        yield return new(MetricIds.StampSamples, MetricUnitKind.Count, BetterDirection.Higher, false, ThroughputThreshold, 0, "Timestamps: complete sampled round trips");
        yield return new(MetricIds.StampSampleEvery, MetricUnitKind.Count, BetterDirection.Higher, false, ThroughputThreshold, 0, "Timestamps: 1 in how many transactions was sampled (a setting)");
    }

    private static readonly Dictionary<string, MetricInfo> ById = All.ToDictionary(m => m.Id, StringComparer.Ordinal);

    private static readonly MetricUnitKind[] UnitKinds = Enum.GetValues<MetricUnitKind>();

    /// <summary>Every known metric, in display order.</summary>
    public static IReadOnlyList<MetricInfo> Known => All;

    /// <summary>The entry for <paramref name="id"/>, or null when this build does not know it.</summary>
    public static MetricInfo? Find(string id) => ById.GetValueOrDefault(id);

    /// <summary>Display order: catalogue order first, unknown ids after, by name.</summary>
    public static int Order(string id) => Find(id) is { } info ? Array.IndexOf(All, info) : All.Length;

    /// <summary>The metric's full unit as short text: <see cref="MetricUnits.Text"/>, then "/" and what a cost figure is per ("us/KiB").</summary>
    public static string UnitText(MetricInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return info.PerWhat is null ? MetricUnits.Text(info.Unit) : MetricUnits.Text(info.Unit) + "/" + info.PerWhat;
    }

    /// <summary>
    /// The reverse of <see cref="UnitText(MetricInfo)"/>: "ns" → nanoseconds, "us/KiB" → microseconds per
    /// "KiB". Reports carry the unit as this text (<c>MetricComparison.Unit</c>); false for text no unit writes.
    /// </summary>
    public static bool TryParseUnitText(string text, out MetricUnitKind unit, out string? perWhat)
    {
        ArgumentNullException.ThrowIfNull(text);
        perWhat = null;
        foreach (var kind in UnitKinds)
        {
            if (string.Equals(MetricUnits.Text(kind), text, StringComparison.Ordinal))
            {
                unit = kind;
                return true;
            }
        }

        // "bit/s" and "1/s" matched whole above; only a cost figure's "/what" is left to split off.
        int slash = text.LastIndexOf('/');
        if (slash > 0 && slash < text.Length - 1 && TryParseUnitText(text[..slash], out unit, out string? inner) && inner is null)
        {
            perWhat = text[(slash + 1)..];
            return true;
        }

        unit = default;
        return false;
    }
}
