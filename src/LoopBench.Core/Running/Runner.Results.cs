using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>The figures of a repetition, with field names shared by every pattern.</summary>
public sealed partial class Runner
{
    private static RepetitionResult BuildResult(
        Case c, int index, Coordination coordination, IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers,
        MeasureWindow window, SocketSettingsResult? socket)
    {
        long elapsedNs = window.ElapsedNs;
        double seconds = elapsedNs / 1e9;
        double PerSecond(double value) => seconds > 0 ? value / seconds : 0;
        var (bytes, transactions) = PrimaryTotals(ends);
        var senders = ends.Where(e => e.Direction == EndDirection.Send).ToList();
        long sentBytes = senders.Sum(e => e.Counters.Bytes);
        long sends = senders.Sum(e => e.Counters.Messages);
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricIds.Bytes] = bytes,
            [MetricIds.ThroughputBitsPerSecond] = PerSecond(bytes * 8.0),
        };
        bool requestResponse = TrafficPatterns.Of(c.Pattern).RequestResponse;
        if (requestResponse)
        {
            metrics[MetricIds.Transactions] = transactions;
            metrics[MetricIds.TransactionsPerSecond] = PerSecond(transactions);
        }

        if (c.Pattern != PatternKind.Rr && c.Pattern != PatternKind.Crr)
        {
            metrics[MetricIds.SentBytes] = sentBytes;
            metrics[MetricIds.SentThroughputBitsPerSecond] = PerSecond(sentBytes * 8.0);
            metrics[MetricIds.Messages] = sends;
            metrics[MetricIds.MessagesPerSecond] = PerSecond(sends);
        }

        // The pattern's own latency: rr-under-load's rr flow, not its load flows' one-way delays.
        var withLatency = ends.Where(e => e.Latency is not null).ToList();
        string? kind = withLatency.Any(e => e.LatencyKind == "rtt-from-intended") ? "rtt-from-intended" : withLatency.FirstOrDefault()?.LatencyKind;
        LatencySummary? latency = null;
        List<long[]>? buckets = null;
        if (kind is not null)
        {
            var histogram = Merge(withLatency.Where(e => e.LatencyKind == kind).Select(e => e.Latency!));
            latency = LatencySummary.From(histogram);
            buckets = histogram.NonEmptyBuckets().Select(b => new[] { b.LowerNs, b.WidthNs, b.Count }).ToList();
            if (kind == "one-way")
            {
                Add(metrics, MetricIds.OwdP50Ns, latency.P50Ns);
                Add(metrics, MetricIds.OwdP99Ns, latency.P99Ns);
                Add(metrics, MetricIds.OwdMaxNs, latency.MaxNs);
            }
            else
            {
                AddLatencyMetrics(metrics, latency);
            }
        }

        LatencySummary? connect = null;
        if (c.Pattern == PatternKind.Crr)
        {
            connect = LatencySummary.From(Merge(ends.Where(e => e.ConnectLatency is not null).Select(e => e.ConnectLatency!)));
            metrics[MetricIds.ConnectionsPerSecond] = PerSecond(transactions);
            Add(metrics, MetricIds.ConnectP50Ns, connect.P50Ns);
            Add(metrics, MetricIds.ConnectP99Ns, connect.P99Ns);
            var clients = ends.Where(e => e.ConnectLatency is not null).ToList();
            long connections = clients.Sum(e => e.Counters.Transactions);
            metrics[MetricIds.AllocatedBytesPerConnection] = connections > 0 ? clients.Sum(e => e.AllocatedBytes) / (double)connections : 0;
        }

        AddDatagramMetrics(c, ends, metrics, PerSecond);
        var flows = FlowResults(ends, seconds);
        metrics[MetricIds.Flows] = flows.Count;
        if (flows.Count > 1 && c.Pattern != PatternKind.RrUnderLoad)
        {
            metrics[MetricIds.FairnessJain] = Jain(flows.Select(f => requestResponse ? (double)f.Transactions : f.Bytes));
        }

        if (c.Pattern == PatternKind.Bidir)
        {
            metrics[MetricIds.C2sThroughputBitsPerSecond] = flows.Where(f => f.Direction == "c2s").Sum(f => f.ThroughputBitsPerSecond);
            metrics[MetricIds.S2cThroughputBitsPerSecond] = flows.Where(f => f.Direction == "s2c").Sum(f => f.ThroughputBitsPerSecond);
        }

        var endResults = ends.Select((e, i) => new EndResult(
            e.Name, e.Role.ToId(), workers[i].CpuRequested, coordination.CpusObserved[i].Order().ToArray(),
            e.Counters.Bytes, e.Counters.Messages, e.Counters.Transactions,
            e.Channel.Counters.SendCalls, e.Channel.Counters.ReceiveCalls, e.Channel.Counters.ShortSends, e.Failure)
        {
            SyncCompletions = e.Channel.Counters.SyncCompletions,
            AsyncCompletions = e.Channel.Counters.AsyncCompletions,
            ShortReceives = e.Channel.Counters.ShortReceives,
        }).ToArray();
        return new RepetitionResult(index, coordination.StartedUtc, coordination.Interrupted, elapsedNs, metrics, latency, buckets,
            endResults, socket, coordination.Intervals)
        {
            LatencyKind = kind,
            ConnectLatency = connect,
            Flows = flows,
            EndedBy = coordination.EndedBy,
            Notes = coordination.EndedBy == WindowEnds.TimeCap ? [CapNote(c, sentBytes, transactions)] : null,
        };
    }

    private static string CapNote(Case c, long sentBytes, long transactions)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        string cap = string.Create(invariant, $"the -t cap ({c.DurationMs / 1000.0:0.###} s) closed the window before ");
        return cap + (c.ByteLimit is long n
            ? string.Create(invariant, $"-n was reached: {sentBytes} of {n} bytes sent")
            : string.Create(invariant, $"-k was reached: {transactions} of {c.TransactionLimit} transactions"));
    }

    private static void AddDatagramMetrics(Case c, IReadOnlyList<WorkloadEnd> ends, SortedDictionary<string, double> metrics, Func<double, double> perSecond)
    {
        // rr-under-load: the figures of its open-loop rr flow (flow 0), not of the load beside it
        var measured = ends.Where(e => e.Datagrams is not null && (c.Pattern != PatternKind.RrUnderLoad || e.Flow == 0)).ToList();
        var senders = measured.Where(e => e.Direction == EndDirection.Send).Select(e => e.Datagrams!).ToList();
        var receivers = measured.Where(e => e.Direction != EndDirection.Send).Select(e => e.Datagrams!).ToList();
        if (senders.Count == 0 && receivers.Count == 0)
        {
            return;
        }

        long sent = senders.Sum(d => d.SentInWindow);
        long received = receivers.Sum(d => d.UniqueReceived);
        if (c.Pattern == PatternKind.Rr)
        {
            long timedOut = receivers.Sum(d => d.TimedOut);
            long done = (long)metrics[MetricIds.Transactions];
            metrics[MetricIds.TimedOut] = timedOut;
            metrics[MetricIds.LossRatio] = done + timedOut > 0 ? timedOut / (double)(done + timedOut) : 0;
            return;
        }

        metrics[MetricIds.DatagramsSent] = sent;
        metrics[MetricIds.DatagramsReceived] = received;
        if (c.Transport.CanLose())
        {
            long lost = Math.Max(0, sent - received);
            metrics[MetricIds.DatagramsLost] = lost;
            metrics[MetricIds.LossRatio] = sent > 0 ? lost / (double)sent : 0;
        }

        if (c.Pattern != PatternKind.RrUnderLoad)
        {
            // sequence analysis of one-way datagrams; responses of rr-under-load are counted, not sequenced
            metrics[MetricIds.Duplicates] = receivers.Sum(d => d.Duplicates);
            metrics[MetricIds.OutOfOrder] = receivers.Sum(d => d.OutOfOrder);
            if (receivers.Count > 0)
            {
                metrics[MetricIds.JitterNs] = receivers.Average(d => d.JitterNs);
            }
        }

        metrics[MetricIds.AchievedPacketsPerSecond] = perSecond(sent);
        double target = c.ToWorkloadParameters().RatePerSecond;
        if (target > 0)
        {
            metrics[MetricIds.TargetPacketsPerSecond] = target * senders.Count; // -b and --pps pace each flow, as iperf3's -b
            long wakeUps = senders.Sum(d => d.WakeUps);
            metrics[MetricIds.MaxScheduleLateNs] = senders.Max(d => d.MaxLateNs);
            metrics[MetricIds.MeanScheduleLateNs] = wakeUps > 0 ? senders.Sum(d => d.LateNsTotal) / (double)wakeUps : 0;
        }

        metrics[MetricIds.MaxBurst] = senders.Count > 0 ? senders.Max(d => d.MaxBurst) : 0;
        metrics[MetricIds.BlockedSends] = senders.Sum(d => d.BlockedSends);
        metrics[MetricIds.SendBlockedNs] = senders.Sum(d => d.BlockedNs);
        metrics[MetricIds.SendErrors] = senders.Sum(d => d.SendErrors);
    }

    private static List<FlowResult> FlowResults(IReadOnlyList<WorkloadEnd> ends, double seconds)
    {
        var flows = new List<FlowResult>();
        foreach (var group in ends.GroupBy(e => (e.Flow, e.FlowDirection)).OrderBy(g => g.Key.Flow).ThenBy(g => g.Key.FlowDirection))
        {
            long sent = group.Where(e => e.Direction == EndDirection.Send).Sum(e => e.Counters.Bytes);
            var primary = group.Where(IsPrimary).ToList();
            long received = primary.Sum(e => e.Counters.Bytes);
            long transactions = primary.Sum(e => e.Counters.Transactions);
            string direction = group.Key.FlowDirection switch
            {
                FlowDirection.ClientToServer => "c2s",
                FlowDirection.ServerToClient => "s2c",
                _ => "rr",
            };
            flows.Add(new FlowResult(group.Key.Flow, direction, sent, received, seconds > 0 ? received * 8 / seconds : 0, transactions));
        }

        return flows;
    }

    /// <summary>Jain's index (Σx)² / (n·Σx²): 1 when all flows got the same, 1/n when one got everything.</summary>
    internal static double Jain(IEnumerable<double> values)
    {
        var list = values.ToList();
        double sum = list.Sum();
        double squares = list.Sum(v => v * v);
        return squares > 0 ? sum * sum / (list.Count * squares) : 1;
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

    private static void Add(SortedDictionary<string, double> metrics, string id, double? value)
    {
        if (value is double v)
        {
            metrics[id] = v;
        }
    }

    private static void AddLatencyMetrics(SortedDictionary<string, double> metrics, LatencySummary latency)
    {
        Add(metrics, MetricIds.RttMinNs, latency.MinNs);
        Add(metrics, MetricIds.RttP50Ns, latency.P50Ns);
        Add(metrics, MetricIds.RttP90Ns, latency.P90Ns);
        Add(metrics, MetricIds.RttP99Ns, latency.P99Ns);
        Add(metrics, MetricIds.RttP999Ns, latency.P999Ns);
        Add(metrics, MetricIds.RttMaxNs, latency.MaxNs);
        Add(metrics, MetricIds.RttMeanNs, latency.MeanNs);
    }
}
