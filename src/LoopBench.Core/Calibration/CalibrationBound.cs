using System.Globalization;
using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>
/// What a calibrate figure has to reach: its LoopBench/reference ratio, or for an absolute figure
/// LoopBench's own value. E.g. at least 1.00 for stream throughput against iperf3, at most 1.05 for
/// p50 against sockperf, within 0.97–1.03 for the timestamps' sum of components over the round trip.
/// </summary>
/// <param name="Direction">Which side is good.</param>
/// <param name="Value">Where the bound sits; the low end of a <see cref="BoundDirection.Within"/> band.</param>
/// <param name="High">The high end of a <see cref="BoundDirection.Within"/> band; null for a one-sided bound.</param>
internal sealed record CalibrationBound(BoundDirection Direction, double Value, double? High = null)
{
    /// <summary>Higher is better, at least <paramref name="value"/>.</summary>
    public static CalibrationBound AtLeast(double value) => new(BoundDirection.AtLeast, value);

    /// <summary>Lower is better, at most <paramref name="value"/>.</summary>
    public static CalibrationBound AtMost(double value) => new(BoundDirection.AtMost, value);

    /// <summary>Good inside [<paramref name="low"/>, <paramref name="high"/>], both ends included.</summary>
    public static CalibrationBound Within(double low, double high) =>
        low <= high ? new(BoundDirection.Within, low, high) : throw new ArgumentOutOfRangeException(nameof(high), high, "the high end is below the low end");

    /// <summary>
    /// Met when the median is on the good side (the bound included); missed when the whole interval
    /// is on the bad side, so the shortfall is significant; inconclusive in between. A band is missed
    /// only when the whole interval lies beyond one of its ends.
    /// </summary>
    public CalibrationOutcome Judge(double median, double low, double high) => Direction switch
    {
        BoundDirection.AtLeast when median >= Value => CalibrationOutcome.Met,
        BoundDirection.AtLeast when high < Value => CalibrationOutcome.Missed,
        BoundDirection.AtMost when median <= Value => CalibrationOutcome.Met,
        BoundDirection.AtMost when low > Value => CalibrationOutcome.Missed,
        BoundDirection.Within when median >= Value && median <= High => CalibrationOutcome.Met,
        BoundDirection.Within when high < Value || low > High => CalibrationOutcome.Missed,
        _ => CalibrationOutcome.Inconclusive,
    };

    /// <summary>"≥ 1.00", "≤ 1.05" or "0.97–1.03".</summary>
    public override string ToString() => Direction switch
    {
        BoundDirection.AtLeast => "≥ " + Text(Value),
        BoundDirection.AtMost => "≤ " + Text(Value),
        _ => Text(Value) + "–" + Text(High ?? Value),
    };

    private static string Text(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
