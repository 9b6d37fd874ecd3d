using LoopBench.Core.Calibration;

namespace LoopBench.Tests.Core.Calibration;

public sealed class BootstrapRatioTests
{
    [Fact(Timeout = 5_000)]
    public void OfMedians_IdenticalSamples_RatioOneAndIntervalContainsOne()
    {
        double[] a = [10, 11, 9, 10.5, 9.5];
        var r = BootstrapRatio.OfMedians(a, a);
        Assert.Equal(1.0, r.Ratio, 12);
        Assert.InRange(1.0, r.Low, r.High);
        Assert.Contains("ratio of medians", r.Method, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5_000)]
    public void OfMedians_KnownShift_IntervalExcludesOne()
    {
        var random = new Random(12345);
        var b = Enumerable.Range(0, 5).Select(_ => 100 + random.NextDouble()).ToArray();
        var a = b.Select(v => v * 0.8).ToArray();
        var r = BootstrapRatio.OfMedians(a, b);
        Assert.Equal(0.8, r.Ratio, 2);
        Assert.True(r.High < 1.0, $"[{r.Low}, {r.High}]");
        Assert.True(r.Low <= r.Ratio && r.Ratio <= r.High);
    }

    [Fact(Timeout = 5_000)]
    public void OfMedians_SameSeed_SameInterval()
    {
        double[] a = [1, 2, 3, 4, 5];
        double[] b = [2, 3, 4, 5, 6];
        Assert.Equal(BootstrapRatio.OfMedians(a, b), BootstrapRatio.OfMedians(a, b));
    }

    [Theory(Timeout = 5_000)]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    public void Median_OddAndEven(double[] values, double expected) => Assert.Equal(expected, BootstrapRatio.Median(values));

    [Fact(Timeout = 5_000)]
    public void OfMedians_EmptySample_Throws() => Assert.Throws<ArgumentException>(() => BootstrapRatio.OfMedians([], [1.0]));
}
