using System.Globalization;

namespace LoopBench.Core.Calibration;

/// <summary>
/// A seeded percentile bootstrap of the ratio of medians of two independent samples (LoopBench's
/// repetitions over the tool's). Pure: same input and seed, same interval.
/// </summary>
/// <remarks>
/// With 5 repetitions a side the median of a resample takes only a few distinct values, so the
/// interval is coarse and somewhat too narrow (the percentile bootstrap under-covers at small n).
/// It is reported as what it is; the point estimate and the raw repetitions are stored beside it.
/// </remarks>
public static class BootstrapRatio
{
    /// <summary>Resamples drawn. Defaults here: 10 000 (percentile error well under the interval's own width).</summary>
    public const int DefaultResamples = 10_000;

    /// <summary>The fixed seed, so that a stored result can be recomputed exactly (BDN's Random(12345)).</summary>
    public const int DefaultSeed = 12345;

    /// <summary>median(<paramref name="a"/>) / median(<paramref name="b"/>) with a bootstrap interval.</summary>
    public static RatioEstimate OfMedians(
        IReadOnlyList<double> a, IReadOnlyList<double> b, double confidence = 0.95, int resamples = DefaultResamples, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(a);
        var scratch = new double[a.Count];
        return OfStatistic(a.Count, picks => MedianOf(a, picks, scratch), b, "the ratio of medians", confidence, resamples, seed);
    }

    /// <summary>
    /// statistic(A) / median(<paramref name="b"/>) with a bootstrap interval, where A is
    /// <paramref name="countA"/> units (e.g. repetitions) and <paramref name="statisticA"/> computes A's
    /// figure from the indices of a resample of them (with repeats; the identity for the point
    /// estimate). Used where A's figure is not a median of per-unit values, e.g. a percentile of
    /// merged histograms. <paramref name="describedAs"/> names the ratio in the method text.
    /// </summary>
    public static RatioEstimate OfStatistic(
        int countA,
        Func<int[], double> statisticA,
        IReadOnlyList<double> b,
        string describedAs,
        double confidence = 0.95,
        int resamples = DefaultResamples,
        int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(statisticA);
        ArgumentNullException.ThrowIfNull(b);
        if (countA == 0 || b.Count == 0)
        {
            throw new ArgumentException("both samples need at least one value");
        }

        if (confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "use a level in (0, 1)");
        }

        var random = new Random(seed);
        var ratios = new double[resamples];
        var picks = new int[countA];
        var sb = new double[b.Count];
        for (int r = 0; r < resamples; r++)
        {
            for (int i = 0; i < picks.Length; i++)
            {
                picks[i] = random.Next(countA);
            }

            Resample(b, sb, random);
            ratios[r] = statisticA(picks) / Median(sb);
        }

        Array.Sort(ratios);
        double alpha = 1 - confidence;
        int lowIndex = (int)Math.Floor(alpha / 2 * resamples);
        int highIndex = Math.Min(resamples - 1, (int)Math.Ceiling((1 - alpha / 2) * resamples) - 1);
        string method = string.Create(
            CultureInfo.InvariantCulture,
            $"bootstrap percentile {confidence * 100:0.#}% CI of {describedAs}, {resamples} resamples, seed {seed}");
        return new RatioEstimate(statisticA(Enumerable.Range(0, countA).ToArray()) / Median(b.ToArray()), ratios[lowIndex], ratios[highIndex], method);
    }

    /// <summary>The median; sorts <paramref name="values"/> in place.</summary>
    public static double Median(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Array.Sort(values);
        int n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }

    private static double MedianOf(IReadOnlyList<double> source, int[] picks, double[] scratch)
    {
        for (int i = 0; i < picks.Length; i++)
        {
            scratch[i] = source[picks[i]];
        }

        return Median(scratch);
    }

    private static void Resample(IReadOnlyList<double> source, double[] target, Random random)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = source[random.Next(source.Count)];
        }
    }
}
