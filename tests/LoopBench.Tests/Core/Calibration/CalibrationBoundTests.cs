using LoopBench.Core;
using LoopBench.Core.Calibration;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Calibration;

public sealed class CalibrationBoundTests
{
    [Theory(Timeout = 5_000)]
    [InlineData(1.02, 0.99, 1.05, "met")] // median on the good side, interval straddling: still met
    [InlineData(1.00, 0.97, 1.03, "met")] // the bound itself is met
    [InlineData(0.98, 0.95, 1.01, "inconclusive")] // median short, interval reaches the bound
    [InlineData(0.98, 0.95, 1.00, "inconclusive")] // upper end exactly at the bound: not significantly below
    [InlineData(0.90, 0.85, 0.96, "missed")] // whole interval below
    public void Judge_HigherIsBetter(double median, double low, double high, string outcome) =>
        Assert.Equal(outcome, CalibrationBound.AtLeast(1.00).Judge(median, low, high).ToId());

    [Theory(Timeout = 5_000)]
    [InlineData(1.03, 1.00, 1.08, "met")]
    [InlineData(1.05, 1.01, 1.09, "met")]
    [InlineData(1.07, 1.02, 1.12, "inconclusive")] // straddles 1.05
    [InlineData(1.07, 1.05, 1.12, "inconclusive")] // lower end exactly at the bound
    [InlineData(1.20, 1.10, 1.30, "missed")] // whole interval above
    public void Judge_LowerIsBetter(double median, double low, double high, string outcome) =>
        Assert.Equal(outcome, CalibrationBound.AtMost(1.05).Judge(median, low, high).ToId());

    [Theory(Timeout = 5_000)]
    [InlineData(1.00, 0.99, 1.01, "met")] // inside
    [InlineData(0.97, 0.95, 0.99, "met")] // the low end itself is met
    [InlineData(1.03, 1.01, 1.05, "met")] // the high end itself is met
    [InlineData(0.96, 0.95, 0.99, "inconclusive")] // median below the band, interval reaches into it
    [InlineData(1.04, 1.02, 1.06, "inconclusive")] // median above the band, interval reaches into it
    [InlineData(0.90, 0.88, 0.96, "missed")] // whole interval below the low end
    [InlineData(1.10, 1.04, 1.12, "missed")] // whole interval above the high end
    [InlineData(0.96, 0.96, 0.97, "inconclusive")] // upper end exactly at the low end: not significantly outside
    public void Judge_Within(double median, double low, double high, string outcome) =>
        Assert.Equal(outcome, CalibrationBound.Within(0.97, 1.03).Judge(median, low, high).ToId());

    [Fact(Timeout = 5_000)]
    public void Within_HighBelowLow_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationBound.Within(1.03, 0.97));

    [Fact(Timeout = 5_000)]
    public void Ids_ArePinned()
    {
        // stored in run.json: a rename in C# must not change them
        Assert.Equal(["met", "missed", "inconclusive", "reported"], Enum.GetValues<CalibrationOutcome>().Select(o => o.ToId()));
        Assert.Equal([1, 2, 3, 4], Enum.GetValues<CalibrationOutcome>().Select(o => (int)o));
        Assert.Equal(["at-least", "at-most", "within"], new[] { CalibrationBound.AtLeast(1), CalibrationBound.AtMost(1), CalibrationBound.Within(0.97, 1.03) }.Select(b => b.Direction.ToId()));
        Assert.Equal([1, 2, 3], Enum.GetValues<BoundDirection>().Select(d => (int)d));
    }

    [Fact(Timeout = 5_000)]
    public void TryParse_RoundTripsEveryId_AndRefusesPassed()
    {
        foreach (var outcome in Enum.GetValues<CalibrationOutcome>())
        {
            Assert.True(EnumIds.TryParse(outcome.ToId(), out CalibrationOutcome back));
            Assert.Equal(outcome, back);
        }

        Assert.False(EnumIds.TryParse("passed", out CalibrationOutcome _));
    }

    [Fact(Timeout = 5_000)]
    public void Combine_WorstFirst()
    {
        Assert.Equal(CalibrationOutcome.Missed, CalibrationOutcomes.Combine([CalibrationOutcome.Met, CalibrationOutcome.Missed, CalibrationOutcome.Inconclusive]));
        Assert.Equal(CalibrationOutcome.Inconclusive, CalibrationOutcomes.Combine([CalibrationOutcome.Met, CalibrationOutcome.Inconclusive]));
        Assert.Equal(CalibrationOutcome.Met, CalibrationOutcomes.Combine([CalibrationOutcome.Met, CalibrationOutcome.Reported]));
        Assert.Equal(CalibrationOutcome.Reported, CalibrationOutcomes.Combine([CalibrationOutcome.Reported]));
    }

    [Fact(Timeout = 5_000)]
    public void ToString_IsInvariant()
    {
        using var culture = new CultureScope("de-DE");
        Assert.Equal("≥ 0.85", CalibrationBound.AtLeast(0.85).ToString());
        Assert.Equal("≤ 1.25", CalibrationBound.AtMost(1.25).ToString());
        Assert.Equal("0.97–1.03", CalibrationBound.Within(0.97, 1.03).ToString());
    }
}
