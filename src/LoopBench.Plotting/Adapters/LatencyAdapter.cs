using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Plotting.Charts;

namespace LoopBench.Plotting.Adapters;

/// <summary>Latency percentiles and CDF from the histogram buckets of every repetition, merged per case.</summary>
internal static class LatencyAdapter
{
    public static void Render(RunChartSource source, ChartKind kind, string path)
    {
        var cases = source.Cases.Where(c => c.Repetitions.Any(r => r.LatencyBuckets is { Count: > 0 })).ToList();
        ChartCanvas.RequireData(cases.Count > 0, "no case recorded a latency histogram (stream cases have none; use rr, crr or a datagram stream)");
        var axes = CaseAxes.Of(cases.Select(c => c.Key));
        var distributions = cases.Take(RunCharts.MaxLines)
            .Select(c => new LatencyDistribution(axes.Describe(c.Key, axes.Varying), Merge(c))).ToList();
        string kindText = string.Join("/", cases.SelectMany(c => c.Repetitions).Select(r => r.LatencyKind).OfType<LatencyKind>().Distinct().Select(k => k.ToId()));
        string what = $"latency{(kindText.Length > 0 ? $" ({kindText})" : string.Empty)}{Omitted(cases.Count)}";
        if (kind == ChartKind.Cdf)
        {
            LatencyCharts.SaveCdf(new ChartText(source.Title($"{what}, CDF"), $"latency ({LatencyCharts.Unit.Unit}, log scale)", "fraction at or below"), distributions, path);
        }
        else
        {
            LatencyCharts.SavePercentiles(new ChartText(source.Title($"{what} by percentile"), "percentile (log nines scale)", $"latency ({LatencyCharts.Unit.Unit}, log scale)"), distributions, path);
        }
    }

    /// <summary>" (first 12 of 50 cases; use --case)" when lines were left out.</summary>
    internal static string Omitted(int count) =>
        count > RunCharts.MaxLines ? $" (first {RunCharts.MaxLines} of {count} cases; choose with --case)" : string.Empty;

    /// <summary>Sums the buckets of all non-interrupted repetitions by bucket, in value order.</summary>
    internal static IReadOnlyList<long[]> Merge(CaseResult result)
    {
        var merged = new SortedDictionary<(long Lower, long Width), long>();
        foreach (var repetition in result.Repetitions.Where(r => !r.Interrupted))
        {
            foreach (long[] bucket in repetition.LatencyBuckets ?? [])
            {
                if (bucket.Length >= 3)
                {
                    merged[(bucket[0], bucket[1])] = merged.GetValueOrDefault((bucket[0], bucket[1])) + bucket[2];
                }
            }
        }

        return merged.Select(b => new[] { b.Key.Lower, b.Key.Width, b.Value }).ToList();
    }
}
