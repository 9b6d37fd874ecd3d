using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;

namespace LoopBench.Core.Measurement;

/// <summary>The summary of one metric over the repetitions of a case.</summary>
/// <param name="Count">Repetitions summarised.</param>
/// <param name="Median">Sample median (the middle value, or the mean of the two middle ones).</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="StdDev">Sample standard deviation (n − 1); 0 for one value.</param>
/// <param name="CvPercent">StdDev / Mean × 100; 0 when the mean is 0.</param>
/// <param name="CiLevel">Confidence level of the interval, e.g. 0.95.</param>
/// <param name="CiLower">Lower bound of the median's confidence interval; null with too few values (6 for 95 %).</param>
/// <param name="CiUpper">Upper bound of the median's confidence interval; null with too few values (6 for 95 %).</param>
/// <param name="CiEstimator">The estimator that produced the interval, named.</param>
internal sealed record MetricSummary(
    int Count,
    double Median,
    double Mean,
    double Min,
    double Max,
    double StdDev,
    double CvPercent,
    double CiLevel,
    double? CiLower,
    double? CiUpper,
    string CiEstimator)
{
    /// <summary>Width of the interval as a percentage of the median; null without an interval.</summary>
    public double? CiWidthPercent =>
        CiLower is double lo && CiUpper is double hi && Median != 0 ? (hi - lo) / Math.Abs(Median) * 100 : null;
}

/// <summary>
/// Summaries of repeated measurements. The confidence interval of the median comes from a library,
/// not from home-made math: Perfolizer's Harrell–Davis quantile estimator with its Maritz–Jarrett
/// standard error (the method BenchmarkDotNet uses), named in every result.
/// </summary>
internal static class Statistics
{
    /// <summary>The estimator's name as written into results.</summary>
    public const string MedianCiEstimator = "perfolizer-harrell-davis-maritz-jarrett";

    /// <summary>The name written instead where that interval left the data's range (<see cref="OrderStatistics"/>).</summary>
    public const string OrderStatisticsCiEstimator = "order-statistics";

    /// <summary>Default confidence level of the median's interval: 95 %.</summary>
    public const double DefaultLevel = 0.95;

    /// <summary>A case whose primary metric varies more than this (CV, %) is flagged noisy.</summary>
    public const double NoisyCvPercent = 5.0;

    /// <summary>Summarises <paramref name="values"/>; throws when empty.</summary>
    public static MetricSummary Summarize(IReadOnlyList<double> values, double level = DefaultLevel)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("no values to summarise", nameof(values));
        }

        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        double mean = sorted.Average();
        double stdDev = n > 1 ? Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : 0;
        double cv = mean != 0 ? stdDev / Math.Abs(mean) * 100 : 0;
        var (lower, upper, estimator) = MedianInterval(sorted, level);
        return new MetricSummary(n, median, mean, sorted[0], sorted[^1], stdDev, cv, level, lower, upper, estimator);
    }

    /// <summary>
    /// The fewest values for which any interval of the median can reach <paramref name="level"/>:
    /// even [min, max] covers the median with probability only 1 − 2·0.5^n (6 values for 95 %).
    /// </summary>
    public static int MinimumValuesForInterval(double level = DefaultLevel)
    {
        int n = 2;
        while (1 - (2 * Math.Pow(0.5, n)) < level)
        {
            n++;
        }

        return n;
    }

    /// <summary>
    /// The confidence interval of the median and the estimator that made it; no bounds with fewer values
    /// than <see cref="MinimumValuesForInterval"/>. Below that no interval can honestly claim the level,
    /// and Harrell–Davis with Maritz–Jarrett gives bounds outside the data (negative throughput at n = 3).
    /// </summary>
    /// <remarks>
    /// Maritz–Jarrett's interval is the median ± a normal quantile × its standard error. Where the data are
    /// two clusters (an unpinned rr case whose ends shared a CPU in half the repetitions: 15k and 64k
    /// transactions/s) that reaches past the data, to negative rates at n = 8. There the exact
    /// order-statistics interval is given instead: within the data, and at least the level whatever the
    /// distribution.
    /// </remarks>
    public static (double? Lower, double? Upper, string Estimator) MedianInterval(IReadOnlyList<double> values, double level = DefaultLevel)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < MinimumValuesForInterval(level))
        {
            return (null, null, MedianCiEstimator);
        }

        var sorted = values.Order().ToArray();
        if (sorted[0] == sorted[^1])
        {
            return (sorted[0], sorted[0], MedianCiEstimator); // no spread: the estimator's standard error is 0 anyway
        }

        if (HarrellDavisInterval(sorted, level) is not var (lower, upper))
        {
            return (null, null, MedianCiEstimator);
        }

        if (lower >= sorted[0] && upper <= sorted[^1])
        {
            return (lower, upper, MedianCiEstimator);
        }

        int k = OrderStatistics.Rank(sorted.Length, level).K;
        return (sorted[k - 1], sorted[^k], OrderStatisticsCiEstimator);
    }

    /// <summary>Perfolizer's Harrell–Davis median with its Maritz–Jarrett interval; null where it has no standard error.</summary>
    internal static (double Lower, double Upper)? HarrellDavisInterval(double[] sorted, double level)
    {
        var estimator = HarrellDavisQuantileEstimator.Instance.QuantileConfidenceIntervalEstimator(new Sample(sorted), Probability.Median);
        var interval = estimator.ConfidenceInterval(new ConfidenceLevel(level));

        // Maritz–Jarrett has no standard error at some small n (NaN at n = 6, seen).
        return double.IsFinite(interval.Lower) && double.IsFinite(interval.Upper) ? (interval.Lower, interval.Upper) : null;
    }
}
