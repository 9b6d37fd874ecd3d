using LoopBench.Core.Calibration;
using LoopBench.Core.Results;

namespace LoopBench.Tests.Core.Calibration;

/// <summary>The reference's own spread over a row's clean pairs, and which figure speaks for the row.</summary>
public sealed class ReferenceSteadinessTests
{
    [Fact(Timeout = 5_000)]
    public void SpreadPercent_IsTheHingesDistanceOverTheMedian()
    {
        // 1..10: hinges 3 and 8 (medians of 1..5 and 6..10), median 5.5
        Assert.Equal(90.9, ReferenceSteadiness.SpreadPercent([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
        // odd count: the middle value belongs to neither half; hinges 1.5 and 4.5, median 3
        Assert.Equal(100.0, ReferenceSteadiness.SpreadPercent([5, 1, 4, 2, 3]));
        Assert.Equal(0.0, ReferenceSteadiness.SpreadPercent([7, 7, 7, 7]));
    }

    [Fact(Timeout = 5_000)]
    public void SpreadPercent_OneWildPairMovesNeitherHinge()
    {
        double[] steady = [50, 51, 49, 50, 52, 48, 50, 51, 49, 50];
        double[] oneWild = [50, 51, 49, 50, 52, 48, 50, 51, 49, 17];
        Assert.Equal(ReferenceSteadiness.SpreadPercent(steady), ReferenceSteadiness.SpreadPercent(oneWild));
        Assert.True(ReferenceSteadiness.SpreadPercent(steady) < 5);
    }

    [Fact(Timeout = 5_000)]
    public void SpreadPercent_TooFewValuesOrAZeroMedian_IsNull()
    {
        Assert.Null(ReferenceSteadiness.SpreadPercent([1, 2, 3]));
        Assert.Null(ReferenceSteadiness.SpreadPercent([0, 0, 0, 0]));
    }

    [Fact(Timeout = 5_000)]
    public void Judged_IsTheFirstBoundedFigureWithASpread()
    {
        var unbounded = Figure("a", spread: 50, bounded: false);
        var absolute = Figure("b", spread: null, bounded: true);
        var p50 = Figure("rttP50Ns", spread: 4, bounded: true);
        var p99 = Figure("rttP99Ns", spread: 40, bounded: true);
        Assert.Same(p50, ReferenceSteadiness.Judged([unbounded, absolute, p50, p99]));
        Assert.Null(ReferenceSteadiness.Judged([unbounded, absolute]));
        Assert.False(ReferenceSteadiness.IsUnsteady([unbounded, absolute, p50, p99], 10));
        Assert.True(ReferenceSteadiness.IsUnsteady([p99], 10));
        Assert.False(ReferenceSteadiness.IsUnsteady([Figure("x", spread: 10, bounded: true)], 10)); // at the bound is steady
    }

    private static CalibrationFigureResult Figure(string id, double? spread, bool bounded) =>
        new(id, [1], [1], [1], 1, 1, 1, "m", bounded ? CalibrationOutcome.Met : CalibrationOutcome.Reported) { BoundValue = bounded ? 1 : null, ReferenceSpreadPercent = spread };
}
