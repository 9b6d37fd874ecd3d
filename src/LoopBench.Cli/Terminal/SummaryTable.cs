using System.Globalization;
using System.Text;
using LoopBench.Core;
using LoopBench.Core.Comparison;
using LoopBench.Core.Engines;
using LoopBench.Core.Results;
using LoopBench.Core.Workloads;

namespace LoopBench.Cli.Terminal;

/// <summary>The table printed at the end of a quick run: the figures, then the context they came from.</summary>
internal static class SummaryTable
{
    private static readonly UnitScale Microseconds = UnitScale.Named(MetricUnitKind.Nanoseconds, "µs");
    private static readonly UnitScale Milliseconds = UnitScale.Named(MetricUnitKind.Nanoseconds, "ms");

    public static string Render(CaseResult result, bool verbose = false, RateUnit unit = RateUnit.Gbit)
    {
        var text = new StringBuilder();
        var c = result.Case;
        foreach (var repetition in result.Repetitions)
        {
            var m = repetition.Metrics;
            double Get(string id) => m.TryGetValue(id, out double v) ? v : double.NaN;
            string cc = repetition.Socket?.CongestionControl ?? "-";
            string noDelay = repetition.Socket?.NoDelay is bool nd ? (nd ? "on" : "off") : "-";
            TextTable table;
            if (c.Pattern.IsTransactional())
            {
                var l = repetition.Latency;
                table = new TextTable("transport", "pattern", "placement", "cc", "nodelay", "req/resp B", "window s",
                    c.Pattern.Traits().CountsConnections ? "conns/s" : "trans/s", "samples", "min µs", "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs", "cpu %", "µs/tr", "rtt µs", "retr");
                table.AddRow(c.Transport.ToId(), c.Pattern.ToId(), c.Placement.ToId(), cc, noDelay,
                    c.RequestBytes is null ? "-" : $"{c.RequestBytes}/{c.ResponseBytes}", Figures.Seconds(repetition.ElapsedNs),
                    Figures.Whole(Get(MetricIds.TransactionsPerSecond)), Figures.Whole(l?.Samples ?? 0),
                    Figures.Micros(l?.MinNs), Figures.Micros(l?.P50Ns), Figures.Micros(l?.P90Ns),
                    Figures.Micros(l?.P99Ns), Figures.Micros(l?.P999Ns), Figures.Micros(l?.MaxNs),
                    Cell(m, MetricIds.CpuProcessPercentOfOneCore, "0"), Cell(m, MetricIds.ServiceDemandUsPerTransaction, "0.00"),
                    Cell(m, MetricIds.TcpRttUs, "0"), Cell(m, MetricIds.TcpRetransSegments, "0"));
            }
            else
            {
                table = new TextTable("transport", "pattern", "placement", "cc", "nodelay", "write B", "window s",
                    "bytes", unit.Label(), "sent " + unit.Label(), "msgs/s", "cpu %", "µs/KiB", "rtt µs", "retr");
                table.AddRow(c.Transport.ToId(), c.Pattern.ToId(), c.Placement.ToId(), cc, noDelay,
                    $"{c.MessageBytes}", Figures.Seconds(repetition.ElapsedNs), Figures.Whole(Get(MetricIds.Bytes)),
                    RateUnits.Format(Get(MetricIds.ThroughputBitsPerSecond), unit), RateUnits.Format(Get(MetricIds.SentThroughputBitsPerSecond), unit),
                    Figures.Whole(Get(MetricIds.MessagesPerSecond)),
                    Cell(m, MetricIds.CpuProcessPercentOfOneCore, "0"), Cell(m, MetricIds.ServiceDemandUsPerKiB, "0.000"),
                    Cell(m, MetricIds.TcpRttUs, "0"), Cell(m, MetricIds.TcpRetransSegments, "0"));
            }

            text.Append(table);
            text.Append('\n');
            text.Append(SummaryDetails.Render(c, repetition, unit));
            text.Append(SummaryStamps.Render(repetition));
            text.Append(SummaryKernel.Render(repetition, verbose));
            text.Append(SummarySandbox.Render(repetition));
            text.Append("case     ").Append(result.Key).Append('\n');
            text.Append("threads  ").AppendJoin("; ", repetition.Ends.Select(e =>
                $"{e.Name}{(e.ProcessId is int pid ? $" in child pid {pid}" : string.Empty)} {(e.CpuRequested is int cpu ? $"pinned cpu {cpu}" : "unpinned")}, ran on [{string.Join(",", e.CpusObserved)}]{QueueWait(e)}")).Append('\n');
            if (c.Placement == PlacementKind.Unpinned && SharedCpuSplit.OnOneCpu(repetition))
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"note     the scheduler kept every end on cpu {repetition.Ends[0].CpusObserved[0]}: a one-CPU figure, which on loopback can be several times another placement's; --placement split or -A N,M measures across CPUs\n");
            }

            if (ReceiveLine(c, repetition) is string receive)
            {
                text.Append(receive);
            }

            text.Append(SummarySpin.Render(c, repetition));
            if (BatchLine(c) is string batch)
            {
                text.Append(batch);
            }

            if (repetition.ServerChild is { } child)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"server   processes=2: the server end ran in child pid {child.Pid}; its window opened {Lag(child.OpenLagNs)} and closed {Lag(child.CloseLagNs)} after this process's\n");
            }
            if (repetition.Socket is { } s)
            {
                text.Append(CultureInfo.InvariantCulture, $"buffers  client SO_SNDBUF {s.ClientSendBufferBytes} B, SO_RCVBUF {s.ClientReceiveBufferBytes} B; ")
                    .Append(CultureInfo.InvariantCulture, $"server SO_SNDBUF {s.ServerSendBufferBytes} B, SO_RCVBUF {s.ServerReceiveBufferBytes} B (read back at connect)");
                text.Append(s.MssBytes is int mss ? $"; MSS {mss} B" : string.Empty).Append('\n');
            }

            if (RuntimeNotes.Describe([repetition.Runtime]) is string runtime)
            {
                text.Append("runtime  ").Append(runtime).Append('\n');
            }

            if (repetition.Interrupted)
            {
                text.Append("note     interrupted: the figures cover the shortened window\n");
            }
        }

        if (result.Repetitions.Count > 1 && result.PrimaryMetric is string primary && result.Summaries?.GetValueOrDefault(primary) is { } summary)
        {
            string metricUnit = MetricCatalog.Find(primary) is { } info ? MetricUnits.Text(info.Unit) : string.Empty;
            string interval = summary.CiLower is double lo && summary.CiUpper is double hi
                ? $"{summary.CiLevel * 100:0.#} % CI [{FigureText.Of(lo, metricUnit)}, {FigureText.Of(hi, metricUnit)}]"
                : "no CI (too few repetitions)";
            text.Append(CultureInfo.InvariantCulture,
                $"summary  {primary} over {summary.Count} repetitions: median {FigureText.Of(summary.Median, metricUnit)}, {interval}, CV {summary.CvPercent:0.0} %\n");
            foreach (string warning in result.Warnings ?? [])
            {
                text.Append("warning  ").Append(warning).Append('\n');
            }

            if (LatencyColumns.Applies(result))
            {
                // The medians over repetitions of each percentile, as summary.md and report.html show them.
                var cells = LatencyColumns.Cells(result);
                text.Append(CultureInfo.InvariantCulture, $"latency  medians over {summary.Count} repetitions: ")
                    .AppendJoin(", ", LatencyColumns.Names.Select((name, i) => $"{name} {cells[i]}{LatencyColumns.Unit.Suffix}")).Append('\n');
            }
        }

        text.Append("outcome  ").Append(result.Outcome.ToId()).Append(result.Reason is null ? string.Empty : ": " + result.Reason).Append('\n');
        return text.ToString();
    }

    /// <summary>A child's window lag in whole µs: the pipe's latency is microseconds, so finer digits are noise.</summary>
    private static string Lag(long ns) => Microseconds.Figure(ns, "0");

    /// <summary>", waited 94.3 ms for a CPU in 1200 timeslices", or nothing where schedstat was not read.</summary>
    private static string QueueWait(EndResult end) =>
        end is { RunQueueWaitNs: long ns, Timeslices: long slices }
            ? string.Create(CultureInfo.InvariantCulture, $", waited {Milliseconds.Figure(ns, "0.0")} for a CPU in {slices} timeslices")
            : string.Empty;

    private static string Cell(IReadOnlyDictionary<string, double> metrics, string id, string format) =>
        metrics.TryGetValue(id, out double v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    /// <summary>UDP batching: datagrams per sendmmsg/recvmmsg call and UDP_GRO, when either is on.</summary>
    internal static string? BatchLine(LoopBench.Core.Scenarios.Case c)
    {
        if (c.Batch is null && !c.UdpGro)
        {
            return null;
        }

        string calls = c.Batch is int batch
            ? string.Create(CultureInfo.InvariantCulture, $"up to {batch} datagrams per sendmmsg/recvmmsg call")
            : "one datagram per send; recvmmsg on the receiver";
        return "batch    " + calls + (c.UdpGro ? "; UDP_GRO on the receiver, coalesced receives counted per datagram" : string.Empty) + "\n";
    }

    /// <summary>How the stream receivers waited: the spin budget and how often it found data, per spinning end, and the low-water mark each end read back.</summary>
    private static string? ReceiveLine(LoopBench.Core.Scenarios.Case c, RepetitionResult repetition)
    {
        var parts = new List<string>();
        if (c.ReceiveSpin == 0)
        {
            parts.Add("receivers block in recv at once (receive-spin 0)");
        }
        else if (c.ReceiveSpin is int budget)
        {
            var ends = repetition.Ends
                .Where(e => e.ReceiveSpinHits is not null && e.ReceiveSpinMisses is not null)
                .Select(e => (e.Name, Hits: e.ReceiveSpinHits!.Value, All: e.ReceiveSpinHits!.Value + e.ReceiveSpinMisses!.Value))
                .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Name} {e.Hits * 100.0 / Math.Max(1, e.All):0.0} % of {e.All} receives found data"));
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"receivers try up to {budget} non-blocking recv calls before they block; ") + string.Join("; ", ends));
        }

        var marks = repetition.Ends
            .Where(e => e.ReceiveLowatBytes is not null)
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Name} {e.ReceiveLowatBytes} B"))
            .ToList();
        if (marks.Count > 0)
        {
            parts.Add("SO_RCVLOWAT as read back " + string.Join(", ", marks) + ": woken once that much is queued");
        }

        return parts.Count == 0 ? null : "receive  " + string.Join("; ", parts) + "\n";
    }
}
