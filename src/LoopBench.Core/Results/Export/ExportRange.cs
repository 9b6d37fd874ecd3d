namespace LoopBench.Core.Results.Export;

/// <summary>Bounds around an exported median and what they are.</summary>
/// <param name="Lower">Lower bound, in the metric's unit.</param>
/// <param name="Upper">Upper bound, in the metric's unit.</param>
/// <param name="Kind">What the bounds are, in words: "95% CI of the median" or <see cref="MinMax"/>.</param>
internal sealed record ExportRange(double Lower, double Upper, string Kind)
{
    /// <summary>The kind of bounds without a stored interval: the spread of the repetitions.</summary>
    public const string MinMax = "min–max of the repetitions";
}
