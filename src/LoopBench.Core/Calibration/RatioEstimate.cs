namespace LoopBench.Core.Calibration;

/// <summary>A ratio of two samples' medians with a confidence interval.</summary>
/// <param name="Ratio">median(A) / median(B).</param>
/// <param name="Low">Lower bound of the interval.</param>
/// <param name="High">Upper bound of the interval.</param>
/// <param name="Method">How the interval was made, named honestly, e.g. "bootstrap percentile 95% CI of the ratio of medians, 10000 resamples, seed 12345".</param>
public sealed record RatioEstimate(double Ratio, double Low, double High, string Method);
