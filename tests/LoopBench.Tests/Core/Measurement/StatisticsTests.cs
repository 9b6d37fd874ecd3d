using LoopBench.Core.Measurement;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Measurement;

public sealed class StatisticsTests
{
    [Fact]
    public void KnownData_OneToTen()
    {
        var s = Statistics.Summarize([7, 1, 10, 4, 2, 9, 3, 6, 8, 5]);
        Assert.Equal(10, s.Count);
        Assert.Equal(5.5, s.Median);
        Assert.Equal(5.5, s.Mean);
        Assert.Equal(1, s.Min);
        Assert.Equal(10, s.Max);
        Assert.Equal(Math.Sqrt(82.5 / 9), s.StdDev, 12); // sample standard deviation, n - 1
        Assert.Equal(Math.Sqrt(82.5 / 9) / 5.5 * 100, s.CvPercent, 10);
        Assert.Equal(Statistics.MedianCiEstimator, s.CiEstimator);

        // Harrell–Davis weights are symmetric for p = 0.5: the interval is centred on 5.5 for symmetric data.
        Assert.NotNull(s.CiLower);
        Assert.Equal(11, s.CiLower!.Value + s.CiUpper!.Value, 9);
        Assert.InRange(s.CiLower.Value, 2, 5.4);
    }

    [Fact]
    public void OddCount_MedianIsTheMiddleValue()
    {
        Assert.Equal(3, Statistics.Summarize([5, 1, 3]).Median);
    }

    [Fact]
    public void SingleValue_HasNoInterval_AndNoSpread()
    {
        var s = Statistics.Summarize([42]);
        Assert.Equal(0, s.StdDev);
        Assert.Null(s.CiLower);
        Assert.Null(s.CiWidthPercent);
    }

    [Fact]
    public void ConstantValues_HaveAZeroWidthInterval()
    {
        var s = Statistics.Summarize([3e9, 3e9, 3e9, 3e9, 3e9, 3e9]);
        Assert.Equal(0, s.CvPercent);
        Assert.Equal(0, s.CiWidthPercent);
    }

    [Theory]
    [InlineData(0.95, 6)]
    [InlineData(0.99, 8)]
    [InlineData(0.9, 5)]
    public void Interval_NeedsEnoughValuesToReachItsLevel(double level, int minimum)
    {
        Assert.Equal(minimum, Statistics.MinimumValuesForInterval(level));
        var below = Statistics.Summarize([.. Enumerable.Range(1, minimum - 1).Select(i => (double)i)], level);
        Assert.Null(below.CiLower); // e.g. 3 repetitions: no 95 % interval rather than a negative throughput
        var enough = Statistics.Summarize([.. Enumerable.Range(1, 20).Select(i => (double)i)], level);
        Assert.NotNull(enough.CiLower);
        Assert.InRange(enough.Median, enough.CiLower!.Value, enough.CiUpper!.Value);
    }

    [Fact]
    public void Interval_NarrowsWithMoreRepetitions()
    {
        var random = new Random(12345);
        double[] Sample(int n) => Enumerable.Range(0, n).Select(_ => 10e9 + (random.NextDouble() * 1e9)).ToArray();
        var few = Statistics.Summarize(Sample(6));
        var many = Statistics.Summarize(Sample(50));
        Assert.True(many.CiWidthPercent < few.CiWidthPercent, $"{many.CiWidthPercent} vs {few.CiWidthPercent}");
        Assert.InRange(many.Median, many.CiLower!.Value, many.CiUpper!.Value);
    }

    [Fact]
    public void TwoClusters_GetTheOrderStatisticsInterval_WithinTheData()
    {
        // An unpinned rr case, 8 repetitions: ends on one CPU in four of them, across two in the others.
        double[] tps = [15039, 14462, 15719, 14901, 63886, 65647, 62310, 64990];
        var (lower, upper) = Statistics.HarrellDavisInterval([.. tps.Order()], 0.95)!.Value;
        var s = Statistics.Summarize(tps);

        Assert.True(lower < 0, $"Maritz–Jarrett alone reaches below zero here: {lower}..{upper}");
        Assert.Equal(Statistics.OrderStatisticsCiEstimator, s.CiEstimator);
        Assert.Equal(tps.Min(), s.CiLower); // n = 8: [x(2), x(7)] covers only 93 %, so [min, max] (99.2 %)
        Assert.Equal(tps.Max(), s.CiUpper);
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    [InlineData("ru-RU")]
    public void CpuNoise_ParsesProcFiles_InAnyCulture(string culture)
    {
        using var scope = CultureScope.Use(culture);
        const string before = "cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3\n";
        const string after = "cpu  200 0 200 1300 100 0 0 200 0 0\n";
        const string selfBefore = "123 (dotnet (x)) S 1 2 3 4 5 6 7 8 9 10 50 50 0 0";
        const string selfAfter = "123 (dotnet (x)) S 1 2 3 4 5 6 7 8 9 10 100 100 0 0";
        var noise = CpuNoiseSampler.Between(CpuNoiseSampler.Parse(before, selfBefore), CpuNoiseSampler.Parse(after, selfAfter));
        // total 1000 ticks: busy 400 (user 100, system 100, steal 200), self 100, others 400 - 100 - 200
        Assert.Equal(new CpuNoise(20, 10, 10), noise);
    }
}
