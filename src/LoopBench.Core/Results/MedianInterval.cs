namespace LoopBench.Core.Results;

/// <summary>The confidence interval of a metric's median as run.json stores it in the case's summaries.</summary>
/// <param name="Lower">Lower bound, in the metric's unit.</param>
/// <param name="Upper">Upper bound, in the metric's unit.</param>
/// <param name="Level">Confidence level, e.g. 0.95.</param>
internal sealed record MedianInterval(double Lower, double Upper, double Level)
{
    /// <summary>
    /// The stored interval of <paramref name="metric"/>, or null when the case has no summary of it,
    /// the summary has no interval (too few repetitions, quick runs), or it summarises another set of
    /// repetitions than the <paramref name="valueCount"/> values the caller shows beside it.
    /// </summary>
    public static MedianInterval? Stored(CaseResult result, string metric, int valueCount)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Summaries?.GetValueOrDefault(metric) is { CiLower: double lower, CiUpper: double upper } summary
            && summary.Count == valueCount
            ? new MedianInterval(lower, upper, summary.CiLevel)
            : null;
    }
}
