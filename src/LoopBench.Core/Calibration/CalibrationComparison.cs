using System.Globalization;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>
/// The figures of one calibrate row, LoopBench against the tool over the repetitions both completed.
/// Every figure, latency percentiles included, is the ratio of the medians of per-repetition values,
/// the same statistic on both sides. Only when a LoopBench repetition had too few samples for one of
/// the row's percentiles (n &lt; 10 / (1 − q)) are LoopBench's percentiles taken from its merged
/// histograms (<see cref="LatencyPool"/>) instead; a percentile is compared only where both sides
/// have the samples it needs.
/// </summary>
/// <remarks>
/// 2026-11-23 (issue 10): the pooled percentile had been used for every row. Pooled over
/// repetitions of unequal tails, it sits near the worst repetitions' tail, while the tool's figure
/// is the median of its repetitions' percentiles, so the ratio leaned against LoopBench: in one
/// split TCP row LoopBench's per-repetition p99.9 were 1.16, 0.50, 0.34, 1.13 and 0.37 ms (median
/// 0.50) and sockperf's 0.47, 1.03, 0.99, 0.41 and 0.43 (median 0.47), a like-for-like 1.07 that
/// was reported as 1.87 (pooled 0.87 ms). Per-repetition percentiles keep p50 ≤ p99 ≤ p99.9 as long
/// as every repetition has all of them, which is the condition for using them.
/// </remarks>
public static class CalibrationComparison
{
    private const string PooledRatioName = "LoopBench's percentile of the merged histograms of resampled repetitions over the tool's median";

    /// <summary>Compares each of <paramref name="row"/>'s figures.</summary>
    public static List<CalibrationFigureResult> Compare(
        CalibrationRow row, IReadOnlyList<RepetitionResult> measured, IReadOnlyList<IReadOnlyDictionary<string, double>> toolRuns)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(toolRuns);
        int n = Math.Min(measured.Count, toolRuns.Count);
        var repetitions = measured.Take(n).ToList();
        var runs = toolRuns.Take(n).ToList();
        var pool = PerRepetitionPercentiles(row, repetitions) ? null : LatencyPool.From(repetitions);
        var figures = new List<CalibrationFigureResult>();
        foreach (var pair in row.Figures)
        {
            // per repetition, as measured, for the record
            var lb = repetitions.Where(r => r.Metrics.ContainsKey(pair.LoopBenchMetric))
                .Select(r => r.Metrics[pair.LoopBenchMetric] * pair.LoopBenchScale).ToList();
            var tool = runs.Where(t => t.ContainsKey(pair.Figure)).Select(t => t[pair.Figure]).ToList();
            bool toolUsable = tool.Count > 0 && tool.All(v => v > 0);
            if (LatencyPool.QuantileOf(pair.LoopBenchMetric) is double q)
            {
                string? toolProblem = toolUsable ? ToolShortOfSamples(runs, q) : "the tool reported no value";
                if (pool is not null)
                {
                    figures.Add(ComparePercentile(pair, q, pool, lb, tool, toolProblem));
                    continue;
                }

                if (toolProblem is not null)
                {
                    figures.Add(new CalibrationFigureResult(pair.Figure, lb, tool, null, null, null, null) { Note = "tool: " + toolProblem });
                    continue;
                }
            }

            RatioEstimate? ratio = lb.Count > 0 && toolUsable ? BootstrapRatio.OfMedians(lb, tool) : null;
            figures.Add(new CalibrationFigureResult(pair.Figure, lb, tool, ratio?.Ratio, ratio?.Low, ratio?.High, ratio?.Method));
        }

        return figures;
    }

    private static CalibrationFigureResult ComparePercentile(
        FigurePair pair, double q, LatencyPool pool, List<double> lb, List<double> tool, string? toolProblem)
    {
        long required = LatencySummary.RequiredSamples(q);
        double? pooled = pool.Quantile(q) * pair.LoopBenchScale;
        string? note = pooled is null
            ? Invariant($"LoopBench: {pool.Samples} round trips over {pool.Repetitions} repetitions, p{q * 100:0.##} needs {required}: not meaningful")
            : toolProblem is null ? null : "tool: " + toolProblem;
        if (note is not null)
        {
            return new CalibrationFigureResult(pair.Figure, lb, tool, null, null, null, null)
            { LoopBenchPooled = pooled, LoopBenchShortOfSamples = pooled is null ? true : null, Note = note };
        }

        var ratio = BootstrapRatio.OfStatistic(pool.Repetitions, picks => pool.QuantileOf(picks, q) * pair.LoopBenchScale, tool, PooledRatioName);
        return new CalibrationFigureResult(pair.Figure, lb, tool, ratio.Ratio, ratio.Low, ratio.High, ratio.Method) { LoopBenchPooled = pooled };
    }

    /// <summary>True when every repetition reported every latency percentile the row compares (or the row compares none).</summary>
    private static bool PerRepetitionPercentiles(CalibrationRow row, IReadOnlyList<RepetitionResult> repetitions) =>
        row.Figures.Where(f => LatencyPool.QuantileOf(f.LoopBenchMetric) is not null)
            .All(f => repetitions.All(r => r.Metrics.ContainsKey(f.LoopBenchMetric)));

    /// <summary>Why the tool's per-repetition percentile is not meaningful, or null when every run had the samples for it.</summary>
    private static string? ToolShortOfSamples(IReadOnlyList<IReadOnlyDictionary<string, double>> runs, double q)
    {
        long required = LatencySummary.RequiredSamples(q);
        var counts = runs.Where(r => r.ContainsKey(ToolFigures.RttSamples)).Select(r => r[ToolFigures.RttSamples]).ToList();
        return counts.Count > 0 && counts.Min() < required
            ? Invariant($"fewest round trips in a repetition {counts.Min():0}, p{q * 100:0.##} needs {required}: not meaningful")
            : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
