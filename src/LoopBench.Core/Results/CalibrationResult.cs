namespace LoopBench.Core.Results;

/// <summary>One calibrate row: LoopBench and a tool on the same experiment, interleaved A B A B.</summary>
/// <param name="RowId">Stable row id, e.g. "iperf3-tcp4-fwd-cubic".</param>
/// <param name="Tool">Tool id: iperf3, iperf2, sockperf, nuttcp.</param>
/// <param name="ToolCommand">The tool's client command line as run (ports vary), or null when it did not run.</param>
/// <param name="CaseKey">Key of LoopBench's case, or null when the case could not be built.</param>
/// <param name="Placement">Placement id used by both.</param>
/// <param name="CongestionControl">Congestion control asked of both ("cubic"), or "default" for the system default.</param>
/// <param name="Outcome">"passed", "failed:…" or "skipped:…".</param>
/// <param name="Reason">Why it was skipped or failed.</param>
/// <param name="Figures">Each compared figure with both samples and the ratio.</param>
public sealed record CalibrationResult(
    string RowId,
    string Tool,
    string? ToolCommand,
    string? CaseKey,
    string Placement,
    string CongestionControl,
    string Outcome,
    string? Reason,
    IReadOnlyList<CalibrationFigureResult> Figures);

/// <summary>One figure of a row: every repetition of both, and LoopBench/tool with its interval.</summary>
/// <param name="Figure">Figure id with its unit, e.g. "throughputBitsPerSecond", "rttP50Ns".</param>
/// <param name="LoopBenchValues">LoopBench's value per repetition, in run order.</param>
/// <param name="ToolValues">The tool's value per repetition, in run order.</param>
/// <param name="Ratio">median(LoopBench) / median(tool); for a latency percentile pooled over the repetitions, <see cref="LoopBenchPooled"/> / median(tool).</param>
/// <param name="RatioLow">Lower bound of the interval.</param>
/// <param name="RatioHigh">Upper bound of the interval.</param>
/// <param name="IntervalMethod">How the interval was computed, in words.</param>
public sealed record CalibrationFigureResult(
    string Figure,
    IReadOnlyList<double> LoopBenchValues,
    IReadOnlyList<double> ToolValues,
    double? Ratio,
    double? RatioLow,
    double? RatioHigh,
    string? IntervalMethod)
{
    /// <summary>
    /// LoopBench's figure over all repetitions where it is not the median of <see cref="LoopBenchValues"/>:
    /// a latency percentile is taken from the repetitions' histograms merged. Null otherwise.
    /// </summary>
    public double? LoopBenchPooled { get; init; }

    /// <summary>
    /// True when LoopBench's repetitions together had too few samples for this percentile, so it has
    /// no figure (<see cref="Note"/> says how many); null otherwise.
    /// </summary>
    public bool? LoopBenchShortOfSamples { get; init; }

    /// <summary>Why the figure has no ratio, e.g. too few samples for a p99.9. Null when nothing is to be said.</summary>
    public string? Note { get; init; }
}
