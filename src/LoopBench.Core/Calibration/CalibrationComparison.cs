using System.Globalization;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>
/// The figures of one calibrate row, LoopBench against the tool over the repetitions both completed.
/// Rates and throughput: ratio of medians of per-repetition values. Latency percentiles: LoopBench's
/// percentile of its merged histograms (<see cref="LatencyPool"/>) over the median of the tool's
/// per-repetition percentiles, and only where both have the samples the percentile needs.
/// </summary>
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
        var pool = LatencyPool.From(repetitions);
        var figures = new List<CalibrationFigureResult>();
        foreach (var pair in row.Figures)
        {
            // per repetition, as measured, for the record
            var lb = repetitions.Where(r => r.Metrics.ContainsKey(pair.LoopBenchMetric))
                .Select(r => r.Metrics[pair.LoopBenchMetric] * pair.LoopBenchScale).ToList();
            var tool = runs.Where(t => t.ContainsKey(pair.Figure)).Select(t => t[pair.Figure]).ToList();
            bool toolUsable = tool.Count > 0 && tool.All(v => v > 0);
            if (LatencyPool.QuantileOf(pair.LoopBenchMetric) is double q && pool is not null)
            {
                figures.Add(ComparePercentile(pair, q, pool, lb, tool, toolUsable ? ToolShortOfSamples(runs, q) : "the tool reported no value"));
                continue;
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
            return new CalibrationFigureResult(pair.Figure, lb, tool, null, null, null, null) { LoopBenchPooled = pooled, Note = note };
        }

        var ratio = BootstrapRatio.OfStatistic(pool.Repetitions, picks => pool.QuantileOf(picks, q) * pair.LoopBenchScale, tool, PooledRatioName);
        return new CalibrationFigureResult(pair.Figure, lb, tool, ratio.Ratio, ratio.Low, ratio.High, ratio.Method) { LoopBenchPooled = pooled };
    }

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
