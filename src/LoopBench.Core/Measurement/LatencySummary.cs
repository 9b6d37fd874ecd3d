namespace LoopBench.Core.Measurement;

/// <summary>
/// Percentiles of one latency histogram. A percentile is null when there are too few samples
/// to estimate it: n &lt; 10 / (1 − q), e.g. p99.9 needs 10 000 samples.
/// </summary>
internal sealed record LatencySummary(
    long Samples,
    double? MinNs,
    double? P50Ns,
    double? P90Ns,
    double? P99Ns,
    double? P999Ns,
    double? MaxNs,
    double? MeanNs)
{
    /// <summary>The smallest sample count for which quantile <paramref name="q"/> is reported.</summary>
    public static long RequiredSamples(double q) => (long)Math.Ceiling((10.0 / (1.0 - q)) - 1e-6);

    /// <summary>Summarises <paramref name="histogram"/>, suppressing under-sampled percentiles.</summary>
    public static LatencySummary From(LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        long n = histogram.TotalCount;
        double? At(double q) => n >= RequiredSamples(q) ? histogram.ValueAtQuantile(q) : null;
        return n == 0
            ? new LatencySummary(0, null, null, null, null, null, null, null)
            : new LatencySummary(n, histogram.MinNs, At(0.50), At(0.90), At(0.99), At(0.999), histogram.MaxNs, histogram.MeanNs);
    }
}
