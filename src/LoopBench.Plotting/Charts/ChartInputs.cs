using LoopBench.Core.Comparison;

namespace LoopBench.Plotting.Charts;

/// <summary>What every chart says about itself: title (what was measured, on what host) and units.</summary>
/// <param name="Title">What was measured and on which host.</param>
/// <param name="XLabel">X axis label with its unit.</param>
/// <param name="YLabel">Y axis label with its unit.</param>
internal sealed record ChartText(string Title, string XLabel, string YLabel);

/// <summary>A point estimate with its confidence interval (both bounds null when none could be computed).</summary>
/// <param name="Value">The point estimate (e.g. the median of the repetitions).</param>
/// <param name="Lower">Lower bound of its interval, or null.</param>
/// <param name="Upper">Upper bound of its interval, or null.</param>
internal sealed record Estimate(double Value, double? Lower = null, double? Upper = null);

/// <summary>One bar: a case's metric, placed in a group (x) and coloured by a series.</summary>
/// <param name="Group">The x-axis group, e.g. "len=64".</param>
/// <param name="Series">The colour series, e.g. "tcp4".</param>
/// <param name="Estimate">Height and error bar.</param>
/// <param name="Repetitions">Each repetition's value, drawn as a dot over the bar; null or empty draws none.</param>
internal sealed record BarItem(string Group, string Series, Estimate Estimate, IReadOnlyList<double>? Repetitions = null);

/// <summary>One point of a sweep line: x is the swept numeric parameter.</summary>
/// <param name="X">The parameter value, e.g. MTU in bytes.</param>
/// <param name="Estimate">The metric at that value with its band.</param>
internal sealed record SweepPoint(double X, Estimate Estimate);

/// <summary>One named line of points.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Points">Points in any order; they are sorted by X.</param>
internal sealed record SweepSeries(string Name, IReadOnlyList<SweepPoint> Points);

/// <summary>A latency distribution as histogram buckets [lowerNs, widthNs, count].</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Buckets">Non-empty buckets in value order.</param>
internal sealed record LatencyDistribution(string Name, IReadOnlyList<long[]> Buckets);

/// <summary>A per-interval series of one flow; marks are intervals with retransmits or drops.</summary>
/// <param name="Name">Legend text, e.g. "rep 1 flow 0".</param>
/// <param name="Points">(seconds since T0 at interval end, value).</param>
/// <param name="MarkedSeconds">Interval ends at which retransmits or drops occurred.</param>
internal sealed record TimeSeries(string Name, IReadOnlyList<(double Seconds, double Value)> Points, IReadOnlyList<double>? MarkedSeconds = null);

/// <summary>A candidate/baseline ratio for one case with its interval and verdict.</summary>
/// <param name="Label">Case label.</param>
/// <param name="Ratio">Candidate / baseline.</param>
/// <param name="Verdict">The comparison's verdict, which colours the point.</param>
internal sealed record RatioItem(string Label, Estimate Ratio, Verdict Verdict);

/// <summary>The raw repetition values of one case.</summary>
/// <param name="Label">Case label.</param>
/// <param name="Values">One value per repetition.</param>
internal sealed record RepetitionValues(string Label, IReadOnlyList<double> Values);
