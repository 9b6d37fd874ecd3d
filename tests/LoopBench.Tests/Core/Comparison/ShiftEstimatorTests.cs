using LoopBench.Core.Comparison;

namespace LoopBench.Tests.Core.Comparison;

public sealed class ShiftEstimatorTests
{
    // Hollander & Wolfe (1973), p. 69: permeability constants of the human chorioamnion, at term (x)
    // and at 12-26 weeks (y). R's wilcox.test(x, y, alternative = "greater") gives W = 35, p = 0.1272.
    private static readonly double[] TermX = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    private static readonly double[] EarlyY = [1.15, 0.88, 0.90, 0.74, 1.21];

    [Fact]
    public void PermeabilityExample_MatchesThePublishedExactPValue()
    {
        // Baseline y, candidate x: U counts pairs with x > y, which is W = 35; two-sided p = 2 × 0.1272.
        var shift = ShiftEstimator.Estimate(EarlyY, TermX, 0.05);
        Assert.Equal(0.2544, shift.PValue, 4);
    }

    [Theory]
    // Published critical values of U (two-sided α = 0.05): reject when U ≤ Ucrit, so c = Ucrit + 1.
    [InlineData(5, 5, 0.05, 2)]
    [InlineData(8, 8, 0.05, 13)]
    [InlineData(10, 10, 0.05, 23)]
    [InlineData(20, 20, 0.05, 127)]
    // Two-sided α = 0.01.
    [InlineData(10, 10, 0.01, 16)]
    public void CriticalCounts_MatchPublishedTables(int n, int m, double alpha, int criticalU)
    {
        Assert.Equal(criticalU + 1, ShiftEstimator.CriticalCount(n, m, alpha / 2)); // two-sided α: α/2 per tail
    }

    [Theory]
    [InlineData(0.05, 3)] // 1 / C(6, 3) = 0.05
    [InlineData(0.01, 5)] // 1 / C(10, 5) = 0.004; 4 vs 4 gives 0.014
    [InlineData(0.001, 7)] // 1 / C(14, 7) = 0.00029; 6 vs 6 gives 0.0011
    public void MinimumSampleSize_IsWhereTheMostExtremeOrderingBecomesRareEnough(double alpha, int minimum)
    {
        Assert.Equal(minimum, ShiftEstimator.MinimumEqualSize(alpha));
        Assert.False(ShiftEstimator.CanReach(minimum - 1, minimum - 1, alpha));
        Assert.True(ShiftEstimator.CanReach(minimum, minimum, alpha));
    }

    [Fact]
    public void FiveAgainstFive_CannotReachTheDefaultErrorRate_EvenWhenEveryValueMoved()
    {
        var shift = ShiftEstimator.Estimate([100, 101, 102, 103, 104], [50, 51, 52, 53, 54], 1e-3);
        Assert.False(shift.Reachable);
        Assert.Equal(double.NegativeInfinity, shift.Lower);
    }

    [Fact]
    public void PointEstimate_IsTheMedianOfPairwiseLogDifferences()
    {
        var random = new Random(12345);
        double[] x = [.. Enumerable.Range(0, 9).Select(_ => 100 + (random.NextDouble() * 10))];
        double[] y = [.. Enumerable.Range(0, 7).Select(_ => 90 + (random.NextDouble() * 10))];
        var differences = x.SelectMany(a => y.Select(b => Math.Log(b) - Math.Log(a))).Order().ToArray();
        double expected = (differences.Length % 2 == 1) ? differences[differences.Length / 2]
            : (differences[(differences.Length / 2) - 1] + differences[differences.Length / 2]) / 2;
        var shift = ShiftEstimator.Estimate(x, y, 0.01);
        Assert.Equal(expected, shift.Point, 12);
        int c = ShiftEstimator.CriticalCount(9, 7, 0.01);
        Assert.Equal(differences[c - 1], shift.Lower, 12);
        Assert.Equal(differences[63 - c], shift.Upper, 12);
    }

    [Fact]
    public void AnExactTenPercentSlowdown_IsEstimatedAsRatioPointNine()
    {
        double[] x = [100, 103, 98, 101, 99, 102, 100.5, 97, 104, 99.5];
        var y = x.Select(v => v * 0.9).ToArray();
        var shift = ShiftEstimator.Estimate(x, y, 1e-3);
        Assert.Equal(0.9, Math.Exp(shift.Point), 10);
        Assert.True(shift.Upper < 0);
    }

    [Fact]
    [Trait(Fixtures.Traits.Category, Fixtures.Traits.Slow)]
    public void Interval_CoversTheTrueShift_AtLeastAtItsConfidence()
    {
        var random = new Random(12345);
        const int Simulations = 2000;
        int covered = 0;
        double trueShift = Math.Log(0.93);
        for (int s = 0; s < Simulations; s++)
        {
            var x = Fixtures.SyntheticRuns.Noisy(random, 8, 1000, 0.05);
            var y = Fixtures.SyntheticRuns.Noisy(random, 8, 930, 0.05);
            var shift = ShiftEstimator.Estimate(x, y, 0.05); // 90% two-sided interval
            covered += shift.Lower <= trueShift && trueShift <= shift.Upper ? 1 : 0;
        }

        // Nominal 90%; the exact interval is conservative. Binomial SE at 2000 runs is 0.7%.
        Assert.InRange(covered / (double)Simulations, 0.88, 1.0);
    }
}
