using System.Globalization;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>A clean pair as the comparison reads it: LoopBench's repetition and the reference's figures.</summary>
/// <param name="LoopBench">LoopBench's repetition.</param>
/// <param name="Reference">The reference's figures (tool figure ids).</param>
internal sealed record MeasuredPair(RepetitionResult LoopBench, IReadOnlyDictionary<string, double> Reference);

/// <summary>
/// The figures of one calibrate row over its clean pairs. Per pair (LoopBench's repetition and the
/// reference's, run back to back) the ratio LoopBench / reference, or for an absolute figure
/// LoopBench's own value; the figure is the median of those values with an order-statistic interval
/// (<see cref="OrderStatisticInterval"/>), judged against the figure's bound. Latency percentiles pair the same way, each repetition's own percentile against
/// the other side's: a pair counts for a percentile only when both of its repetitions had the
/// samples for it (n ≥ 10 / (1 − q)).
/// </summary>
/// <remarks>
/// Pairing cancels what drifts over a row (frequency, a neighbour's load) and leaves one value per
/// pair, so the interval needs no assumption about either side's distribution.
/// </remarks>
internal static class CalibrationComparison
{
    /// <summary>
    /// Compares each of <paramref name="row"/>'s figures over <paramref name="pairs"/>. With
    /// <paramref name="enoughPairs"/> false (the row could not get its clean pairs) a bounded figure
    /// is at best inconclusive.
    /// </summary>
    public static List<CalibrationFigureResult> Compare(CalibrationRow row, IReadOnlyList<MeasuredPair> pairs, bool enoughPairs = true)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(pairs);
        return row.Figures.Select(f => CompareFigure(f, pairs, enoughPairs)).ToList();
    }

    private static CalibrationFigureResult CompareFigure(FigurePair pair, IReadOnlyList<MeasuredPair> pairs, bool enoughPairs)
    {
        var lb = new List<double>();
        var reference = new List<double>();
        double? q = QuantileOf(pair.Figure);
        long required = q is double quantile ? LatencySummary.RequiredSamples(quantile) : 0;
        int shortOfSamples = 0;
        foreach (var p in pairs)
        {
            bool lbHas = p.LoopBench.Metrics.TryGetValue(pair.LoopBenchMetric, out double lbValue);
            // An absolute figure does not read the reference: it ran for the pairing and the quiet-host gate.
            double refValue = 0;
            bool refHas = pair.Absolute || (p.Reference.TryGetValue(pair.Figure, out refValue) && refValue > 0);
            bool refShort = !pair.Absolute && required > 0 && p.Reference.TryGetValue(ToolFigures.RttSamples, out double samples) && samples < required;
            if (lbHas && refHas && !refShort)
            {
                lb.Add(lbValue * pair.LoopBenchScale);
                if (!pair.Absolute)
                {
                    reference.Add(refValue);
                }
            }
            else if (q is not null)
            {
                shortOfSamples++;
            }
        }

        // What is judged per pair: LoopBench's own value for an absolute figure, else LoopBench / reference.
        List<double> values = pair.Absolute ? [.. lb] : lb.Zip(reference, (a, b) => a / b).ToList();
        string? note = shortOfSamples == 0 ? null
            : Invariant($"{shortOfSamples} of {pairs.Count} pairs left out: a side had too few round trips for p{q * 100:0.##} (needs {required})");
        var bound = pair.Bound;
        if (values.Count == 0)
        {
            var none = bound is null ? CalibrationOutcome.Reported : CalibrationOutcome.Inconclusive;
            string missing = pair.Absolute ? "no clean pair has this figure" : "no clean pair has this figure on both sides";
            return Figure(pair, lb, reference, values, null, none) with { Note = note ?? missing };
        }

        var interval = OrderStatisticInterval.OfMedian(values);
        var outcome = bound?.Judge(interval.Median, interval.Low, interval.High) ?? CalibrationOutcome.Reported;
        if (!enoughPairs && outcome != CalibrationOutcome.Reported)
        {
            outcome = CalibrationOutcome.Inconclusive;
        }

        return Figure(pair, lb, reference, values, interval, outcome) with { Note = note };
    }

    private static CalibrationFigureResult Figure(
        FigurePair pair, List<double> lb, List<double> reference, List<double> values, MedianInterval? interval, CalibrationOutcome outcome) =>
        new(pair.Figure, lb, reference, values, interval?.Median, interval?.Low, interval?.High,
            interval?.Method, outcome)
        {
            BoundDirection = pair.Bound?.Direction,
            BoundValue = pair.Bound?.Value,
            BoundHigh = pair.Bound?.High,
            Absolute = pair.Absolute ? true : null,
            ReferenceSpreadPercent = pair.Absolute ? null : ReferenceSteadiness.SpreadPercent(reference),
        };

    /// <summary>The quantile a percentile figure stands for (rttP99Ns → 0.99), or null for other figures.</summary>
    private static double? QuantileOf(string figure) => figure switch
    {
        ToolFigures.RttP50Ns => 0.50,
        ToolFigures.RttP99Ns => 0.99,
        ToolFigures.RttP999Ns => 0.999,
        _ => null,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
