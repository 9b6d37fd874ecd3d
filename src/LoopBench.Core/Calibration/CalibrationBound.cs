using System.Globalization;

namespace LoopBench.Core.Calibration;

/// <summary>Which side of a bound is good. Stable ids: "at-least", "at-most".</summary>
internal enum BoundDirection
{
    /// <summary>Higher is better: throughput, rates.</summary>
    [Id("at-least")]
    AtLeast = 1,

    /// <summary>Lower is better: latency.</summary>
    [Id("at-most")]
    AtMost = 2,
}

/// <summary>
/// What a calibrate figure's LoopBench/reference ratio has to reach, e.g. at least 1.00 for stream
/// throughput against iperf3, at most 1.05 for p50 against sockperf.
/// </summary>
/// <param name="Direction">Which side is good.</param>
/// <param name="Value">The ratio the bound sits at.</param>
internal sealed record CalibrationBound(BoundDirection Direction, double Value)
{
    /// <summary>Higher is better, at least <paramref name="value"/>.</summary>
    public static CalibrationBound AtLeast(double value) => new(BoundDirection.AtLeast, value);

    /// <summary>Lower is better, at most <paramref name="value"/>.</summary>
    public static CalibrationBound AtMost(double value) => new(BoundDirection.AtMost, value);

    /// <summary>The direction's stable id.</summary>
    public string DirectionId => Direction == BoundDirection.AtLeast ? "at-least" : "at-most";

    /// <summary>
    /// Met when the median is on the good side (the bound included); missed when the whole interval
    /// is on the bad side, so the shortfall is significant; inconclusive in between.
    /// </summary>
    public CalibrationOutcome Judge(double median, double low, double high) => Direction switch
    {
        BoundDirection.AtLeast when median >= Value => CalibrationOutcome.Met,
        BoundDirection.AtLeast when high < Value => CalibrationOutcome.Missed,
        BoundDirection.AtMost when median <= Value => CalibrationOutcome.Met,
        BoundDirection.AtMost when low > Value => CalibrationOutcome.Missed,
        _ => CalibrationOutcome.Inconclusive,
    };

    /// <summary>"≥ 1.00" or "≤ 1.05".</summary>
    public override string ToString() =>
        (Direction == BoundDirection.AtLeast ? "≥ " : "≤ ") + Value.ToString("0.00", CultureInfo.InvariantCulture);
}
