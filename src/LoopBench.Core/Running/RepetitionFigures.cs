using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// A repetition's figures, computed once from the ends' counters after the window closed: the ones
/// every pattern has (bytes and throughput of the primary ends, latency, flows), and the pieces a
/// pattern unit adds for itself, each written once here so no pattern repeats another's arithmetic.
/// </summary>
internal sealed class RepetitionFigures
{
    private readonly IReadOnlyList<WorkloadEnd> _ends;
    private readonly double _seconds;

    public RepetitionFigures(Case c, IReadOnlyList<WorkloadEnd> ends, long elapsedNs, (long AtT0, long AtT1) timeWait)
    {
        Case = c;
        _ends = ends;
        _seconds = elapsedNs / 1e9;
        TimeWait = timeWait;
        (Bytes, Transactions) = EndTotals.Primary(ends);
        var senders = ends.Where(e => e.Direction == EndDirection.Send).ToList();
        SentBytes = senders.Sum(e => e.Counters.Bytes);
        Sends = senders.Sum(e => e.Counters.Messages);
        Metrics[MetricIds.Bytes] = Bytes;
        Metrics[MetricIds.ThroughputBitsPerSecond] = PerSecond(Bytes * 8.0);
        AddLatency();
        Flows = FlowResults(ends, _seconds);
        Metrics[MetricIds.Flows] = Flows.Count;
    }

    public Case Case { get; }

    /// <summary>The metrics by id; sorted, as run.json lists them.</summary>
    public SortedDictionary<string, double> Metrics { get; } = new(StringComparer.Ordinal);

    /// <summary>The primary ends' bytes (stream: received; rr: both ways of the clients).</summary>
    public long Bytes { get; }

    /// <summary>The primary ends' transactions.</summary>
    public long Transactions { get; }

    /// <summary>What the sending ends sent.</summary>
    public long SentBytes { get; }

    /// <summary>The sending ends' send calls that counted.</summary>
    public long Sends { get; }

    /// <summary>TCP sockets in TIME_WAIT before the window and at T1 (host or namespace wide).</summary>
    public (long AtT0, long AtT1) TimeWait { get; }

    public LatencySummary? Latency { get; private set; }

    public LatencyKind? LatencyKind { get; private set; }

    public List<long[]>? Buckets { get; private set; }

    public LatencySummary? ConnectLatency { get; private set; }

    public List<FlowResult> Flows { get; }

    private double PerSecond(double value) => _seconds > 0 ? value / _seconds : 0;

    /// <summary>Request/response: transactions and their rate.</summary>
    public void AddTransactions()
    {
        Metrics[MetricIds.Transactions] = Transactions;
        Metrics[MetricIds.TransactionsPerSecond] = PerSecond(Transactions);
    }

    /// <summary>What the senders sent, and their sends, with rates.</summary>
    public void AddSent()
    {
        Metrics[MetricIds.SentBytes] = SentBytes;
        Metrics[MetricIds.SentThroughputBitsPerSecond] = PerSecond(SentBytes * 8.0);
        Metrics[MetricIds.Messages] = Sends;
        Metrics[MetricIds.MessagesPerSecond] = PerSecond(Sends);
    }

    /// <summary>Jain's fairness across flows (of transactions when <paramref name="byTransactions"/>, else of bytes); only with several flows.</summary>
    public void AddFairness(bool byTransactions)
    {
        if (Flows.Count > 1)
        {
            Metrics[MetricIds.FairnessJain] = Jain(Flows.Select(f => byTransactions ? (double)f.Transactions : f.Bytes));
        }
    }

    /// <summary>Bidir: each direction's throughput.</summary>
    public void AddDirections()
    {
        Metrics[MetricIds.C2sThroughputBitsPerSecond] = Flows.Where(f => f.Direction == TrafficDirection.ClientToServer).Sum(f => f.ThroughputBitsPerSecond);
        Metrics[MetricIds.S2cThroughputBitsPerSecond] = Flows.Where(f => f.Direction == TrafficDirection.ServerToClient).Sum(f => f.ThroughputBitsPerSecond);
    }

    /// <summary>crr: connect(2) latency, connections per second and the allocation per connection.</summary>
    public void AddConnections()
    {
        var clients = _ends.Where(e => e.ConnectLatency is not null).ToList();
        var connect = LatencySummary.From(Merge(clients.Select(e => e.ConnectLatency!)));
        ConnectLatency = connect;
        Metrics[MetricIds.ConnectionsPerSecond] = PerSecond(Transactions);
        Add(MetricIds.ConnectP50Ns, connect.P50Ns);
        Add(MetricIds.ConnectP99Ns, connect.P99Ns);
        long connections = clients.Sum(e => e.Counters.Transactions);
        Metrics[MetricIds.AllocatedBytesPerConnection] = connections > 0 ? clients.Sum(e => e.AllocatedBytes) / (double)connections : 0;
    }

    /// <summary>crr: TIME_WAIT sockets before the window and at T1.</summary>
    public void AddTimeWait()
    {
        Metrics[MetricIds.TimeWaitAtT0] = TimeWait.AtT0;
        Metrics[MetricIds.TimeWaitAtT1] = TimeWait.AtT1;
    }

    /// <summary>Datagram rr: requests that timed out, and the loss ratio they make; nothing without datagram ends.</summary>
    public void AddDatagramTimeouts()
    {
        if (!_ends.Any(e => e.Datagrams is not null))
        {
            return;
        }

        long timedOut = _ends.Where(e => e.Datagrams is not null && e.Direction != EndDirection.Send).Sum(e => e.Datagrams!.TimedOut);
        long done = (long)Metrics[MetricIds.Transactions];
        Metrics[MetricIds.TimedOut] = timedOut;
        Metrics[MetricIds.LossRatio] = done + timedOut > 0 ? timedOut / (double)(done + timedOut) : 0;
    }

    /// <summary>
    /// Datagram streams: sent, received, lost, pacing and blocking of the datagram ends of
    /// <paramref name="flow"/> (all flows when null); with <paramref name="sequenced"/>, the sequence
    /// analysis too (duplicates, reordering, jitter). Nothing without datagram ends.
    /// </summary>
    public void AddDatagrams(int? flow, bool sequenced)
    {
        var measured = _ends.Where(e => e.Datagrams is not null && (flow is null || e.Flow == flow)).ToList();
        var senders = measured.Where(e => e.Direction == EndDirection.Send).Select(e => e.Datagrams!).ToList();
        var receivers = measured.Where(e => e.Direction != EndDirection.Send).Select(e => e.Datagrams!).ToList();
        if (senders.Count == 0 && receivers.Count == 0)
        {
            return;
        }

        long sent = senders.Sum(d => d.SentInWindow);
        long received = receivers.Sum(d => d.UniqueReceived);
        Metrics[MetricIds.DatagramsSent] = sent;
        Metrics[MetricIds.DatagramsReceived] = received;
        if (Case.Transport.CanLose())
        {
            long lost = Math.Max(0, sent - received);
            Metrics[MetricIds.DatagramsLost] = lost;
            Metrics[MetricIds.LossRatio] = sent > 0 ? lost / (double)sent : 0;
        }

        if (sequenced)
        {
            Metrics[MetricIds.Duplicates] = receivers.Sum(d => d.Duplicates);
            Metrics[MetricIds.OutOfOrder] = receivers.Sum(d => d.OutOfOrder);
            if (receivers.Count > 0)
            {
                Metrics[MetricIds.JitterNs] = receivers.Average(d => d.JitterNs);
            }
        }

        Metrics[MetricIds.AchievedPacketsPerSecond] = PerSecond(sent);
        double target = Case.ToWorkloadParameters().RatePerSecond;
        if (target > 0)
        {
            Metrics[MetricIds.TargetPacketsPerSecond] = target * senders.Count; // -b and --pps pace each flow, as iperf3's -b
            long wakeUps = senders.Sum(d => d.WakeUps);
            Metrics[MetricIds.MaxScheduleLateNs] = senders.Max(d => d.MaxLateNs);
            Metrics[MetricIds.MeanScheduleLateNs] = wakeUps > 0 ? senders.Sum(d => d.LateNsTotal) / (double)wakeUps : 0;
        }

        Metrics[MetricIds.MaxBurst] = senders.Count > 0 ? senders.Max(d => d.MaxBurst) : 0;
        Metrics[MetricIds.BlockedSends] = senders.Sum(d => d.BlockedSends);
        Metrics[MetricIds.SendBlockedNs] = senders.Sum(d => d.BlockedNs);
        Metrics[MetricIds.SendErrors] = senders.Sum(d => d.SendErrors);
    }

    /// <summary>
    /// Timestamps: each component's p50/p99 and the sum/RTT check, from the flows' ledgers joined now that
    /// the workers stopped; a note instead of figures when no sample was complete (never zeros).
    /// </summary>
    public void AddStamps()
    {
        var ledgers = _ends.Where(e => e.Stamps is not null).Select(e => e.Stamps!).ToList();
        if (ledgers.Count == 0)
        {
            return;
        }

        var joined = RoundTripDecomposition.Join(ledgers);
        Stamps = joined;
        Metrics[MetricIds.StampSampleEvery] = joined.SampleEvery;
        Metrics[MetricIds.StampSamples] = joined.Complete;
        foreach (var component in Enum.GetValues<RoundTripComponent>())
        {
            var (p50, p99) = MetricIds.StampComponents[(int)component];
            Add(p50, joined.Quantile(component, 0.50));
            Add(p99, joined.Quantile(component, 0.99));
        }

        Add(MetricIds.StampSumOverRttMedian, joined.SumOverRttMedian);
    }

    /// <summary>Timestamps: the joined samples, or null without timestamps.</summary>
    public RoundTripDecomposition? Stamps { get; private set; }

    /// <summary>Jain's index (Σx)² / (n·Σx²): 1 when all flows got the same, 1/n when one got everything.</summary>
    internal static double Jain(IEnumerable<double> values)
    {
        var list = values.ToList();
        double sum = list.Sum();
        double squares = list.Sum(v => v * v);
        return squares > 0 ? sum * sum / (list.Count * squares) : 1;
    }

    /// <summary>The pattern's own latency: rr-under-load's rr flow, not its load flows' one-way delays.</summary>
    private void AddLatency()
    {
        var withLatency = _ends.Where(e => e.Latency is not null).ToList();
        LatencyKind? kind = withLatency.Any(e => e.LatencyKind == Measurement.LatencyKind.RttFromIntended) ? Measurement.LatencyKind.RttFromIntended : withLatency.FirstOrDefault()?.LatencyKind;
        if (kind is null)
        {
            return;
        }

        var histogram = Merge(withLatency.Where(e => e.LatencyKind == kind).Select(e => e.Latency!));
        var latency = LatencySummary.From(histogram);
        (Latency, LatencyKind) = (latency, kind);
        Buckets = histogram.NonEmptyBuckets().Select(b => new[] { b.LowerNs, b.WidthNs, b.Count }).ToList();
        if (kind == Measurement.LatencyKind.OneWay)
        {
            Add(MetricIds.OwdP50Ns, latency.P50Ns);
            Add(MetricIds.OwdP99Ns, latency.P99Ns);
            Add(MetricIds.OwdMaxNs, latency.MaxNs);
            return;
        }

        Add(MetricIds.RttMinNs, latency.MinNs);
        Add(MetricIds.RttP50Ns, latency.P50Ns);
        Add(MetricIds.RttP90Ns, latency.P90Ns);
        Add(MetricIds.RttP99Ns, latency.P99Ns);
        Add(MetricIds.RttP999Ns, latency.P999Ns);
        Add(MetricIds.RttMaxNs, latency.MaxNs);
        Add(MetricIds.RttMeanNs, latency.MeanNs);
    }

    private static List<FlowResult> FlowResults(IReadOnlyList<WorkloadEnd> ends, double seconds)
    {
        var flows = new List<FlowResult>();
        foreach (var group in ends.GroupBy(e => (e.Flow, e.FlowDirection)).OrderBy(g => g.Key.Flow).ThenBy(g => g.Key.FlowDirection))
        {
            long sent = group.Where(e => e.Direction == EndDirection.Send).Sum(e => e.Counters.Bytes);
            var primary = group.Where(EndTotals.IsPrimary).ToList();
            long received = primary.Sum(e => e.Counters.Bytes);
            long transactions = primary.Sum(e => e.Counters.Transactions);
            var direction = group.Key.FlowDirection is FlowDirection d ? TrafficDirections.Of(d) : TrafficDirection.RequestResponse;
            flows.Add(new FlowResult(group.Key.Flow, direction, sent, received, seconds > 0 ? received * 8 / seconds : 0, transactions));
        }

        return flows;
    }

    private static LatencyHistogram Merge(IEnumerable<LatencyHistogram> histograms)
    {
        var merged = new LatencyHistogram();
        foreach (var h in histograms)
        {
            merged.Merge(h);
        }

        return merged;
    }

    private void Add(string id, double? value)
    {
        if (value is double v)
        {
            Metrics[id] = v;
        }
    }
}
