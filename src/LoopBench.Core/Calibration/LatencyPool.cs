using LoopBench.Core.Measurement;
using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>
/// Latency percentiles over several repetitions, from their histograms merged: the percentile of
/// all samples together, never an average or median of per-repetition percentiles.
/// </summary>
/// <remarks>
/// 2026-11-23 (issue 10): calibrate used to take, per figure, the median of the repetitions that
/// had the metric. A repetition with fewer than 10 000 round trips has no p99.9 (LatencySummary
/// suppresses it), so p99.9 was the median of the fast repetitions only while p99 was the median of
/// all of them, and a p99.9 below the p99 was reported. Merging the stored buckets
/// (<see cref="RepetitionResult.LatencyBuckets"/>) counts every sample once, keeps the order
/// p50 ≤ p99 ≤ p99.9, and applies the sample-count rule to the total: a percentile the merged
/// samples are too few for (n &lt; 10 / (1 − q)) is not reported. The value of a quantile is its
/// bucket's midpoint clamped to the recorded min and max, as <see cref="LatencyHistogram.ValueAtQuantile"/> reports it.
/// </remarks>
public sealed class LatencyPool
{
    private readonly long[] _lower;
    private readonly long[] _width;
    private readonly long[][] _counts; // [repetition][bucket]
    private readonly double[] _min;
    private readonly double[] _max;
    private readonly long[] _totals; // samples per repetition

    private LatencyPool(long[] lower, long[] width, long[][] counts, double[] min, double[] max)
    {
        (_lower, _width, _counts, _min, _max) = (lower, width, counts, min, max);
        _totals = counts.Select(c => c.Sum()).ToArray();
    }

    /// <summary>Repetitions pooled.</summary>
    public int Repetitions => _counts.Length;

    /// <summary>Samples over all repetitions.</summary>
    public long Samples => _totals.Sum();

    /// <summary>The quantile a percentile figure stands for (rttP99Ns → 0.99), or null for other figures.</summary>
    public static double? QuantileOf(string figure) => figure switch
    {
        ToolFigures.RttP50Ns => 0.50,
        MetricIds.RttP90Ns => 0.90,
        ToolFigures.RttP99Ns => 0.99,
        ToolFigures.RttP999Ns => 0.999,
        _ => null,
    };

    /// <summary>The pool of <paramref name="repetitions"/>, or null when one of them stored no histogram.</summary>
    public static LatencyPool? From(IReadOnlyList<RepetitionResult> repetitions)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        if (repetitions.Count == 0 || repetitions.Any(r => r.LatencyBuckets is null))
        {
            return null;
        }

        var widths = new SortedDictionary<long, long>();
        foreach (var bucket in repetitions.SelectMany(r => r.LatencyBuckets!))
        {
            widths[bucket[0]] = bucket[1];
        }

        long[] lower = widths.Keys.ToArray();
        var counts = new long[repetitions.Count][];
        for (int r = 0; r < counts.Length; r++)
        {
            counts[r] = new long[lower.Length];
            foreach (var bucket in repetitions[r].LatencyBuckets!)
            {
                counts[r][Array.BinarySearch(lower, bucket[0])] += bucket[2];
            }
        }

        double[] min = repetitions.Select(r => r.Latency?.MinNs ?? 0).ToArray();
        double[] max = repetitions.Select(r => r.Latency?.MaxNs ?? double.MaxValue).ToArray();
        return new LatencyPool(lower, widths.Values.ToArray(), counts, min, max);
    }

    /// <summary>Quantile <paramref name="q"/> of all samples, or null when they are too few for it (p99.9 needs 10 000).</summary>
    public double? Quantile(double q)
    {
        var all = Enumerable.Range(0, Repetitions).ToArray();
        return Samples >= LatencySummary.RequiredSamples(q) ? QuantileOf(all, q) : null;
    }

    /// <summary>
    /// Quantile <paramref name="q"/> of the repetitions at <paramref name="picks"/> merged (repeats
    /// count twice): the statistic of a bootstrap resample. No sample-count rule here; the point
    /// estimate (<see cref="Quantile(double)"/>) decides whether the figure is reported at all.
    /// </summary>
    public double QuantileOf(int[] picks, double q)
    {
        ArgumentNullException.ThrowIfNull(picks);
        long total = 0;
        foreach (int p in picks)
        {
            total += _totals[p];
        }

        if (total == 0)
        {
            return double.NaN;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        int bucket = 0;
        for (; bucket < _lower.Length - 1; bucket++)
        {
            foreach (int p in picks)
            {
                seen += _counts[p][bucket];
            }

            if (seen >= rank)
            {
                break;
            }
        }

        double min = picks.Min(p => _min[p]);
        double max = picks.Max(p => _max[p]);
        return Math.Clamp(_lower[bucket] + ((_width[bucket] - 1) / 2), min, max);
    }
}
