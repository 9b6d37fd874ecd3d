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
        var (lower, upper) = MedianInterval(sorted, level);
        return new MetricSummary(n, median, mean, sorted[0], sorted[^1], stdDev, cv, level, lower, upper, MedianCiEstimator);
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
    /// The confidence interval of the median; (null, null) with fewer values than
    /// <see cref="MinimumValuesForInterval"/>. Below that no interval can honestly claim the level,
    /// and Harrell–Davis with Maritz–Jarrett gives bounds outside the data (negative throughput at n = 3).
    /// </summary>
    public static (double? Lower, double? Upper) MedianInterval(IReadOnlyList<double> values, double level = DefaultLevel)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < MinimumValuesForInterval(level))
        {
            return (null, null);
        }

        if (values.All(v => v == values[0]))
        {
            return (values[0], values[0]); // no spread: the estimator's standard error is 0 anyway
        }

        var estimator = HarrellDavisQuantileEstimator.Instance.QuantileConfidenceIntervalEstimator(
            new Sample(values.ToArray()), Probability.Median);
        var interval = estimator.ConfidenceInterval(new ConfidenceLevel(level));

        // Maritz–Jarrett has no standard error at some small n (NaN at n = 6, seen): no interval then.
        return double.IsFinite(interval.Lower) && double.IsFinite(interval.Upper) ? (interval.Lower, interval.Upper) : (null, null);
    }
}
