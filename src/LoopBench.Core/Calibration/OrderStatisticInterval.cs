using System.Globalization;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>The median of a sample with a distribution-free interval for it.</summary>
/// <param name="Median">The sample median.</param>
/// <param name="Low">The lower order statistic.</param>
/// <param name="High">The upper order statistic.</param>
/// <param name="CoveragePercent">The exact coverage of [Low, High] for the population median, %.</param>
/// <param name="Method">The interval in words, e.g. "x(2)..x(9) of 10, coverage 97.9%".</param>
internal sealed record MedianInterval(double Median, double Low, double High, double CoveragePercent, string Method);

/// <summary>
/// A confidence interval for a median from order statistics (<see cref="OrderStatistics"/>), with its
/// coverage in words. Below 6 values even [min, max] covers less than 95 % (n = 5: 93.75 %); the
/// interval is then [min, max] with its true, lower coverage, and the method says so.
/// </summary>
/// <remarks>
/// Exact binomial arithmetic rather than the Harrell–Davis interval <see cref="Statistics"/> uses
/// first: its coverage is known to the digit at small n, and needs no spread in the data.
/// </remarks>
internal static class OrderStatisticInterval
{
    /// <summary>Default level: 95 %.</summary>
    public const double DefaultLevel = 0.95;

    /// <summary>The median of <paramref name="values"/> and its interval; throws when empty.</summary>
    public static MedianInterval OfMedian(IReadOnlyList<double> values, double level = DefaultLevel)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        double median = RepetitionValues.MedianOfSorted(sorted);
        var (k, coverage) = OrderStatistics.Rank(n, level);
        string method = coverage >= level
            ? Invariant($"order statistics x({k})..x({n + 1 - k}) of {n}, coverage {coverage * 100:0.0}%")
            : Invariant($"min..max of {n}: too few for {level * 100:0}%, coverage only {coverage * 100:0.0}%");
        return new MedianInterval(median, sorted[k - 1], sorted[n - k], Math.Round(coverage * 100, 2), method);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
