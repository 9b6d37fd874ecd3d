using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;

namespace LoopBench.Core.Results;

/// <summary>One calibrate row: LoopBench and a reference (a tool, or LoopBench's blocking engine) on the same experiment, in pairs.</summary>
/// <param name="RowId">Stable row id, e.g. "iperf3-tcp4-fwd-cubic".</param>
/// <param name="Tool">The reference: a tool, or LoopBench's blocking engine.</param>
/// <param name="ToolCommand">The tool's client command line as run (ports vary), or null when it did not run.</param>
/// <param name="CaseKey">Key of LoopBench's case, or null when the case could not be built.</param>
/// <param name="Placement">Placement id used by both.</param>
/// <param name="CongestionControl">Congestion control asked of both ("cubic"), or "default" for the system default.</param>
/// <param name="Outcome">
/// The row's figures combined ("met", "missed", "inconclusive", "reported": the worst first), or
/// "failed:…", "skipped:…", "interrupted" when it did not produce them.
/// </param>
/// <param name="Reason">Why it was skipped, failed, or is inconclusive for want of clean pairs.</param>
/// <param name="Figures">Each compared figure with both sides' values, the paired ratio and its outcome.</param>
internal sealed record CalibrationResult(
    string RowId,
    CalibrationReference Tool,
    string? ToolCommand,
    string? CaseKey,
    PlacementKind Placement,
    string CongestionControl,
    CalibrationRowOutcome Outcome,
    string? Reason,
    IReadOnlyList<CalibrationFigureResult> Figures)
{
    /// <summary>Clean pairs the row asked for (--reps).</summary>
    public int PairsRequested { get; init; }

    /// <summary>Every pair run, disturbed ones included (they are excluded from the figures).</summary>
    public IReadOnlyList<CalibrationPairResult> Pairs { get; init; } = [];

    /// <summary>Why the row has no bound, for rows reported without one; null otherwise.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// True when the reference's own figure spread more than the steadiness bound over the clean pairs
    /// (<see cref="Calibration.ReferenceSteadiness"/>): the host was not steady, whatever the gate read. Null otherwise.
    /// </summary>
    public bool? Unsteady { get; init; }
}

/// <summary>One pair: a LoopBench repetition and a reference repetition back to back, with the host's load around both.</summary>
/// <param name="Index">0-based attempt number; which side went first alternates with it.</param>
/// <param name="LoopBenchFirst">True when LoopBench's repetition ran first.</param>
/// <param name="LoopBenchRepetition">Index of LoopBench's repetition in the row's case result.</param>
/// <param name="Reference">The reference's figures of this pair (tool figure ids).</param>
/// <param name="Load">CPU used outside the processes under test, and steal, over the pair.</param>
/// <param name="Disturbed">True when <paramref name="Load"/> was above the quiet-host threshold: kept, not used.</param>
internal sealed record CalibrationPairResult(
    int Index, bool LoopBenchFirst, int LoopBenchRepetition, IReadOnlyDictionary<string, double> Reference, HostLoad Load, bool Disturbed);

/// <summary>One figure of a row: both sides' values over the clean pairs, the per-pair ratios, their median and interval, and the outcome.</summary>
/// <param name="Figure">Figure id with its unit, e.g. "throughputBitsPerSecond", "rttP50Ns".</param>
/// <param name="LoopBenchValues">LoopBench's value per clean pair that has the figure on both sides, in run order.</param>
/// <param name="ToolValues">The reference's value for the same pairs; empty for an absolute figure.</param>
/// <param name="PairRatios">LoopBench / reference per pair; for an absolute figure (<see cref="CalibrationFigureResult.Absolute"/>) LoopBench's own value per pair.</param>
/// <param name="Ratio">The median of <paramref name="PairRatios"/>; null without pairs.</param>
/// <param name="RatioLow">Lower end of its interval.</param>
/// <param name="RatioHigh">Upper end of its interval.</param>
/// <param name="IntervalMethod">How the interval of the per-pair ratios' median was made, with its coverage.</param>
/// <param name="Outcome">Met, missed, inconclusive, or reported (no bound).</param>
internal sealed record CalibrationFigureResult(
    string Figure,
    IReadOnlyList<double> LoopBenchValues,
    IReadOnlyList<double> ToolValues,
    IReadOnlyList<double> PairRatios,
    double? Ratio,
    double? RatioLow,
    double? RatioHigh,
    string? IntervalMethod,
    CalibrationOutcome Outcome)
{
    /// <summary>Which side of the bound is good; null for a figure reported without a bound.</summary>
    public BoundDirection? BoundDirection { get; init; }

    /// <summary>Where the bound sits (the low end of a "within" band); null without a bound.</summary>
    public double? BoundValue { get; init; }

    /// <summary>The high end of a "within" band; null for a one-sided bound or none.</summary>
    public double? BoundHigh { get; init; }

    /// <summary>
    /// True when the figure is LoopBench's own value per pair, judged as it is (the timestamps' sum
    /// over the round trip); null for a LoopBench/reference ratio.
    /// </summary>
    public bool? Absolute { get; init; }

    /// <summary>The reference's own spread over the clean pairs, (upper − lower hinge) / median, %; null for an absolute figure or fewer than 4 pairs.</summary>
    public double? ReferenceSpreadPercent { get; init; }

    /// <summary>Why the figure has no ratio, e.g. too few samples for a p99.9. Null when nothing is to be said.</summary>
    public string? Note { get; init; }
}
