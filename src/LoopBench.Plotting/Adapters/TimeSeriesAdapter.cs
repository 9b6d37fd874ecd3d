using LoopBench.Core;
using LoopBench.Core.Results;
using LoopBench.Plotting.Charts;

namespace LoopBench.Plotting.Adapters;

/// <summary>
/// Per-interval rate over the window: with one case, one line per repetition; with several, the
/// first repetition of each. Throughput for stream cases, transactions per second for rr.
/// </summary>
/// <remarks>
/// Retransmits are marked at the end of each interval in which any flow retransmitted (older results:
/// where the first flow's TCP_INFO samples show tcpi_total_retrans rising), and drops at the end of
/// each interval that lost datagrams. A single case with parallel flows is drawn per flow (first
/// repetition) beside the flows' sum, from each interval's per-flow bytes.
/// </remarks>
internal static class TimeSeriesAdapter
{
    /// <summary>The time axis: seconds since the window opened.</summary>
    private static readonly UnitScale Seconds = UnitScale.Named(MetricUnitKind.Nanoseconds, "s");

    public static void Render(RunChartSource source, ChartRequest request, string path)
    {
        var cases = source.Cases.Where(c => c.Repetitions.Any(r => r.Intervals.Count > 0)).ToList();
        ChartCanvas.RequireData(cases.Count > 0, "no case recorded intervals (interval: 0?)");
        if (request.Metric is string wanted && cases.Where(c => PrimaryMetric.Of(c) == wanted).ToList() is { Count: > 0 } primary)
        {
            cases = primary; // stream and rr in one run: one chart per kind of rate
        }

        // Transactions per second when asked for, or when every case drawn is request/response.
        bool transactions = request.Metric == MetricIds.TransactionsPerSecond
            || (request.Metric is null && cases.All(c => PrimaryMetric.Of(c) == MetricIds.TransactionsPerSecond));
        var axes = CaseAxes.Of(cases.Select(c => c.Key));
        var lines = new List<(string Name, IReadOnlyList<IntervalResult> Intervals, IReadOnlyList<double> Marks)>();
        foreach (var c in cases)
        {
            string label = axes.Describe(c.Key, axes.Varying);
            var reps = c.Repetitions.Where(r => r.Intervals.Count > 0).ToList();
            if (cases.Count == 1 && !transactions && reps[0].Intervals.All(i => i.FlowBytes is { Count: > 1 }))
            {
                // One case with parallel flows: each flow of the first repetition, and their sum.
                var first = reps[0];
                int flows = first.Intervals.Min(i => i.FlowBytes!.Count);
                lines.Add(($"rep {first.Index + 1} all flows", first.Intervals, MarkSeconds(first)));
                lines.AddRange(Enumerable.Range(0, flows).Select(f => ($"rep {first.Index + 1} flow {f}",
                    (IReadOnlyList<IntervalResult>)first.Intervals.Select(i => i with { Bytes = i.FlowBytes![f] }).ToList(), (IReadOnlyList<double>)[])));
                continue;
            }

            lines.AddRange(cases.Count == 1
                ? reps.Select(r => ($"rep {r.Index + 1}", r.Intervals, MarkSeconds(r)))
                : [(label, reps[0].Intervals, MarkSeconds(reps[0]))]);
        }

        string metric = transactions ? MetricIds.TransactionsPerSecond : MetricIds.ThroughputBitsPerSecond;
        double Rate(IntervalResult i) => transactions ? i.TransactionsPerSecond() : i.BitsPerSecond();
        var axis = MetricAxis.For(metric, lines.SelectMany(l => l.Intervals).Select(Rate).DefaultIfEmpty(0).Max());
        var series = lines.Take(RunCharts.MaxLines)
            .Select(l => new TimeSeries(l.Name, Steps(l.Intervals, i => Rate(i) * axis.Factor), l.Marks)).ToList();
        string what = cases.Count == 1 ? $"{cases[0].Key}, per repetition" : $"first repetition per case{LatencyAdapter.Omitted(lines.Count)}";
        TimeSeriesChart.Save(new ChartText(source.Title($"rate per interval: {what}"), $"time since the window opened ({Seconds.Unit})", axis.Label), series, path);
    }

    /// <summary>Each interval as a flat step from its start to its end, so short runs with two intervals still read right.</summary>
    private static List<(double Seconds, double Value)> Steps(IReadOnlyList<IntervalResult> intervals, Func<IntervalResult, double> rate) =>
        intervals.SelectMany(i => new[] { (Seconds.Scale(i.StartNs), rate(i)), (Seconds.Scale(i.EndNs), rate(i)) }).ToList();

    /// <summary>Where a repetition's line is marked: retransmits (TCP) and intervals that lost datagrams (UDP).</summary>
    internal static IReadOnlyList<double> MarkSeconds(RepetitionResult repetition) =>
        RetransmitSeconds(repetition).Concat(DropSeconds(repetition)).Distinct().Order().ToList();

    /// <summary>The end, in seconds since T0, of each interval in which datagrams were lost.</summary>
    internal static IReadOnlyList<double> DropSeconds(RepetitionResult repetition) =>
        repetition.Intervals.Where(i => i.LostDatagrams > 0).Select(i => Seconds.Scale(i.EndNs)).ToList();

    /// <summary>
    /// The end, in seconds since T0, of each interval in which any flow retransmitted; for results
    /// without per-interval retransmits, each TCP_INFO sample of the first flow at which an end's
    /// retransmit total had risen since its previous sample.
    /// </summary>
    internal static IReadOnlyList<double> RetransmitSeconds(RepetitionResult repetition) =>
        repetition.Intervals.Any(i => i.Retransmits is not null)
            ? repetition.Intervals.Where(i => i.Retransmits > 0).Select(i => Seconds.Scale(i.EndNs)).ToList()
            : SampledRetransmitSeconds(repetition);

    private static List<double> SampledRetransmitSeconds(RepetitionResult repetition) =>
        (repetition.TcpInfo ?? [])
            .GroupBy(s => s.Side)
            .SelectMany(side => side.OrderBy(s => s.AtNs).Zip(side.OrderBy(s => s.AtNs).Skip(1))
                .Where(pair => pair.Second.TotalRetransSegments > pair.First.TotalRetransSegments && pair.Second.AtNs >= 0)
                .Select(pair => Seconds.Scale(pair.Second.AtNs)))
            .Distinct()
            .Order()
            .ToList();
}
