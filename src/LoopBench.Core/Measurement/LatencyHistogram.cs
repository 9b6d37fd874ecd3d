using System.Numerics;
using System.Runtime.CompilerServices;

namespace LoopBench.Core.Measurement;

/// <summary>
/// A log-linear latency histogram in nanoseconds: fixed memory, no allocation per record, mergeable.
/// </summary>
/// <remarks>
/// Bucket math (2026-11): values below 128 ns get one bucket each (exact). Above, every power of two
/// is split into 128 equal sub-buckets, so a bucket's width is at most 1/128 of its lower bound:
/// 0.78% relative width, and at most 0.39% error when a bucket is reported by its midpoint.
/// The range is 1 ns to 100 s (2^36.5 ns): 128 + 30 × 128 = 3968 buckets, 31 KiB of counts.
/// Larger values are clamped into the top bucket and counted in <see cref="ClampedCount"/>.
/// This is HdrHistogram's layout with 2 significant decimal digits, written out so that
/// recording is one Log2, one shift and one array increment.
/// </remarks>
internal sealed class LatencyHistogram
{
    /// <summary>log2 of the sub-buckets per power of two: 7 → 128 → ≤ 0.78% bucket width.</summary>
    private const int SubBucketBits = 7;
    private const int SubBucketCount = 1 << SubBucketBits;

    /// <summary>The largest value kept exactly: 100 s in nanoseconds.</summary>
    public const long MaxTrackableNs = 100_000_000_000L;

    private static readonly int BucketCount = IndexOf(MaxTrackableNs) + 1;

    private readonly long[] _counts = new long[BucketCount];
    private double _sumNs;

    /// <summary>Number of recorded values.</summary>
    public long TotalCount { get; private set; }

    /// <summary>Smallest recorded value in ns, or 0 when empty.</summary>
    public long MinNs { get; private set; } = long.MaxValue;

    /// <summary>Largest recorded value in ns (after clamping), or 0 when empty.</summary>
    public long MaxNs { get; private set; }

    /// <summary>Values above <see cref="MaxTrackableNs"/> that were clamped.</summary>
    public long ClampedCount { get; private set; }

    /// <summary>Mean of the recorded values in ns (exact, not bucketed), or NaN when empty.</summary>
    public double MeanNs => TotalCount == 0 ? double.NaN : _sumNs / TotalCount;

    /// <summary>Records one value in nanoseconds. Negative values are recorded as 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long valueNs)
    {
        if (valueNs < 0)
        {
            valueNs = 0;
        }
        else if (valueNs > MaxTrackableNs)
        {
            valueNs = MaxTrackableNs;
            ClampedCount++;
        }

        _counts[IndexOf(valueNs)]++;
        TotalCount++;
        _sumNs += valueNs;
        if (valueNs < MinNs)
        {
            MinNs = valueNs;
        }

        if (valueNs > MaxNs)
        {
            MaxNs = valueNs;
        }
    }

    /// <summary>Adds every count of <paramref name="other"/> into this histogram.</summary>
    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.TotalCount == 0)
        {
            return;
        }

        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        TotalCount += other.TotalCount;
        ClampedCount += other.ClampedCount;
        _sumNs += other._sumNs;
        MinNs = Math.Min(MinNs, other.MinNs);
        MaxNs = Math.Max(MaxNs, other.MaxNs);
    }

    /// <summary>
    /// The value at quantile <paramref name="q"/> (0..1) by nearest rank, reported as its bucket's
    /// midpoint and clamped to the recorded min and max. NaN when empty.
    /// </summary>
    public double ValueAtQuantile(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1.0);
        if (TotalCount == 0)
        {
            return double.NaN;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(q * TotalCount));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                long mid = LowerBoundOf(i) + ((WidthOf(i) - 1) / 2);
                return Math.Clamp(mid, MinNs, MaxNs);
            }
        }

        return MaxNs;
    }

    /// <summary>The non-empty buckets as (lower bound ns, width ns, count), in value order.</summary>
    public IEnumerable<(long LowerNs, long WidthNs, long Count)> NonEmptyBuckets()
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0)
            {
                yield return (LowerBoundOf(i), WidthOf(i), _counts[i]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int IndexOf(long valueNs)
    {
        if (valueNs < SubBucketCount)
        {
            return (int)valueNs;
        }

        int exponent = BitOperations.Log2((ulong)valueNs); // ≥ SubBucketBits
        int shift = exponent - SubBucketBits;
        int mantissa = (int)(valueNs >> shift); // in [128, 255]
        return SubBucketCount + (shift * SubBucketCount) + (mantissa - SubBucketCount);
    }

    internal static long LowerBoundOf(int index)
    {
        if (index < SubBucketCount)
        {
            return index;
        }

        int shift = (index - SubBucketCount) / SubBucketCount;
        long mantissa = SubBucketCount + ((index - SubBucketCount) % SubBucketCount);
        return mantissa << shift;
    }

    internal static long WidthOf(int index) =>
        index < SubBucketCount ? 1 : 1L << ((index - SubBucketCount) / SubBucketCount);
}
