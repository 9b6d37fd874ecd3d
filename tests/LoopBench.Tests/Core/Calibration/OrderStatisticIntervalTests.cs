using LoopBench.Core.Calibration;
using LoopBench.Core.Measurement;

namespace LoopBench.Tests.Core.Calibration;

public sealed class OrderStatisticIntervalTests
{
    [Theory(Timeout = 5_000)]
    [InlineData(6, 1, 0.96875)] // [min, max]: 1 − 2/64
    [InlineData(8, 1, 0.9921875)] // [x(2), x(7)] would cover only 0.9297
    [InlineData(9, 2, 0.9609375)]
    [InlineData(10, 2, 0.978515625)] // [x(2), x(9)]: 1 − 2·11/1024; [x(3), x(8)] covers 0.8906
    [InlineData(20, 6, 0.958610534667969)]
    public void Rank_KnownN_GivesTheNarrowestPairAtLeast95(int n, int k, double coverage)
    {
        var (rank, cover) = OrderStatistics.Rank(n, 0.95);
        Assert.Equal(k, rank);
        Assert.Equal(coverage, cover, 9);
        Assert.True(cover >= 0.95);
        if (k + 1 <= n + 1 - (k + 1))
        {
            Assert.True(OrderStatistics.Coverage(n, k + 1) < 0.95, "a narrower pair would have been chosen");
        }
    }

    [Fact(Timeout = 5_000)]
    public void Coverage_MatchesASimulation()
    {
        // Pairs of a skewed distribution: the interval [x(2), x(9)] of 10 holds the true median ~97.85% of the time.
        var random = new Random(12345);
        double trueMedian = Math.Log(2); // exponential(1)
        int hits = 0;
        const int trials = 20_000;
        var values = new double[10];
        for (int t = 0; t < trials; t++)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = -Math.Log(1 - random.NextDouble());
            }

            var ci = OrderStatisticInterval.OfMedian(values);
            hits += ci.Low <= trueMedian && trueMedian <= ci.High ? 1 : 0;
        }

        Assert.InRange(hits / (double)trials, 0.972, 0.985);
    }

    [Fact(Timeout = 5_000)]
    public void OfMedian_Ten_IsSecondAndNinthInOrder()
    {
        var ci = OrderStatisticInterval.OfMedian([10, 3, 7, 1, 9, 2, 8, 4, 6, 5]);
        Assert.Equal(5.5, ci.Median);
        Assert.Equal(2, ci.Low);
        Assert.Equal(9, ci.High);
        Assert.Equal(97.85, ci.CoveragePercent);
        Assert.Equal("order statistics x(2)..x(9) of 10, coverage 97.9%", ci.Method);
    }

    [Fact(Timeout = 5_000)]
    public void OfMedian_TooFewForTheLevel_WidensToMinMaxAndSaysSo()
    {
        var ci = OrderStatisticInterval.OfMedian([1.1, 0.9, 1.0, 1.3, 0.8]);
        Assert.Equal(1.0, ci.Median);
        Assert.Equal(0.8, ci.Low);
        Assert.Equal(1.3, ci.High);
        Assert.Equal(93.75, ci.CoveragePercent);
        Assert.Equal("min..max of 5: too few for 95%, coverage only 93.8%", ci.Method);
    }

    [Fact(Timeout = 5_000)]
    public void OfMedian_One_IsThatValue()
    {
        var ci = OrderStatisticInterval.OfMedian([0.97]);
        Assert.Equal((0.97, 0.97, 0.97), (ci.Median, ci.Low, ci.High));
        Assert.Equal(0, ci.CoveragePercent);
    }
}
