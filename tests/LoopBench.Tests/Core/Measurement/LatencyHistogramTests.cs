using LoopBench.Core.Measurement;

namespace LoopBench.Tests.Core.Measurement;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Empty_HasNoPercentiles()
    {
        var h = new LatencyHistogram();
        Assert.True(double.IsNaN(h.ValueAtQuantile(0.5)));
        var s = LatencySummary.From(h);
        Assert.Equal(0, s.Samples);
        Assert.Null(s.P50Ns);
        Assert.Null(s.MinNs);
    }

    [Fact]
    public void SmallValues_AreExact()
    {
        var h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++)
        {
            h.Record(v);
        }

        Assert.Equal(50, h.ValueAtQuantile(0.50));
        Assert.Equal(90, h.ValueAtQuantile(0.90));
        Assert.Equal(99, h.ValueAtQuantile(0.99));
        Assert.Equal(1, h.MinNs);
        Assert.Equal(100, h.MaxNs);
        Assert.Equal(50.5, h.MeanNs, 9);
    }

    [Theory]
    [InlineData(1_000L)]
    [InlineData(13_000L)]
    [InlineData(60_123L)]
    [InlineData(1_234_567L)]
    [InlineData(987_654_321L)]
    [InlineData(99_000_000_000L)]
    public void RelativeError_IsWithinOnePercent_AcrossTheRange(long value)
    {
        var h = new LatencyHistogram();
        h.Record(value);
        h.Record(value * 2 > LatencyHistogram.MaxTrackableNs ? value : value * 2);
        double reported = h.ValueAtQuantile(0.5);
        Assert.InRange(Math.Abs(reported - value) / value, 0, 0.01);
    }

    [Fact]
    public void UniformData_PercentilesMatchKnownValues()
    {
        // 1..100 000 µs in ns: the nearest-rank p-th percentile is p × 1000 µs exactly.
        var h = new LatencyHistogram();
        for (long us = 1; us <= 100_000; us++)
        {
            h.Record(us * 1_000);
        }

        foreach (var (q, expected) in new[] { (0.5, 50_000_000.0), (0.9, 90_000_000.0), (0.99, 99_000_000.0), (0.999, 99_900_000.0) })
        {
            Assert.InRange(h.ValueAtQuantile(q), expected * 0.99, expected * 1.01);
        }
    }

    [Fact]
    public void Merge_EqualsRecordingEverythingInOne()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        var all = new LatencyHistogram();
        var random = new Random(12345);
        for (int i = 0; i < 10_000; i++)
        {
            long v = random.NextInt64(1, 10_000_000);
            (i % 2 == 0 ? a : b).Record(v);
            all.Record(v);
        }

        a.Merge(b);
        Assert.Equal(all.TotalCount, a.TotalCount);
        Assert.Equal(all.MinNs, a.MinNs);
        Assert.Equal(all.MaxNs, a.MaxNs);
        Assert.Equal(all.ValueAtQuantile(0.99), a.ValueAtQuantile(0.99));
        Assert.Equal(all.NonEmptyBuckets(), a.NonEmptyBuckets());
    }

    [Fact]
    public void ValuesAboveRange_AreClampedAndCounted()
    {
        var h = new LatencyHistogram();
        h.Record(LatencyHistogram.MaxTrackableNs * 10);
        h.Record(-5);
        Assert.Equal(1, h.ClampedCount);
        Assert.Equal(LatencyHistogram.MaxTrackableNs, h.MaxNs);
        Assert.Equal(0, h.MinNs);
    }

    [Fact]
    public void BucketIndex_IsMonotonicAndBoundsContainTheValue()
    {
        int previous = -1;
        for (long v = 0; v < 5_000_000; v += 997)
        {
            int index = LatencyHistogram.IndexOf(v);
            Assert.True(index >= previous);
            Assert.InRange(v, LatencyHistogram.LowerBoundOf(index), LatencyHistogram.LowerBoundOf(index) + LatencyHistogram.WidthOf(index) - 1);
            previous = index;
        }
    }

    [Theory]
    [InlineData(0.5, 20)]
    [InlineData(0.9, 100)]
    [InlineData(0.99, 1_000)]
    [InlineData(0.999, 10_000)]
    public void RequiredSamples_FollowsTenOverOneMinusQ(double q, long expected) =>
        Assert.Equal(expected, LatencySummary.RequiredSamples(q));

    [Fact]
    public void Summary_SuppressesUnderSampledPercentiles()
    {
        var h = new LatencyHistogram();
        for (int i = 0; i < 999; i++)
        {
            h.Record(10_000 + i);
        }

        var s = LatencySummary.From(h);
        Assert.Equal(999, s.Samples);
        Assert.NotNull(s.P50Ns);
        Assert.NotNull(s.P90Ns);
        Assert.Null(s.P99Ns);
        Assert.Null(s.P999Ns);
        Assert.NotNull(s.MaxNs);
    }
}
