using LoopBench.Core.Calibration;
using LoopBench.Core.Engines;
using LoopBench.Core.Results;

namespace LoopBench.Tests.Core.Calibration;

/// <summary>
/// The paired estimate: per pair LoopBench / reference, the median of those ratios with an
/// order-statistic interval, judged against the figure's bound. Figures are synthetic; no test
/// asserts anything about this host's speed.
/// </summary>
public sealed class CalibrationComparisonTests
{
    private static readonly CalibrationRow Stream = Row(new FigurePair(ToolFigures.ThroughputBitsPerSecond, MetricIds.ThroughputBitsPerSecond, CalibrationBound.AtLeast(1.00)));

    private static readonly CalibrationRow PingPong = Row(
        new FigurePair(ToolFigures.RttP50Ns, MetricIds.RttP50Ns, CalibrationBound.AtMost(1.05)),
        new FigurePair(ToolFigures.RttP999Ns, MetricIds.RttP999Ns, CalibrationBound.AtMost(1.25)));

    [Fact(Timeout = 5_000)]
    public void Compare_IsTheMedianOfPerPairRatios_NotTheRatioOfMedians()
    {
        // Drift: both sides slow down together over the row. Per pair LoopBench is 2% ahead.
        var pairs = Enumerable.Range(0, 10).Select(i => Pair(1.02 * (10 - i), 10 - i)).ToList();
        var f = Assert.Single(CalibrationComparison.Compare(Stream, pairs));
        Assert.Equal(1.02, f.Ratio!.Value, 9);
        Assert.Equal(1.02, f.RatioLow!.Value, 9);
        Assert.Equal(1.02, f.RatioHigh!.Value, 9);
        Assert.Equal(10, f.PairRatios.Count);
        Assert.Equal(CalibrationOutcome.Met, f.Outcome);
        Assert.Equal((BoundDirection.AtLeast, 1.00), (f.BoundDirection, f.BoundValue!.Value));
        Assert.Equal("order statistics x(2)..x(9) of 10, coverage 97.9%", f.IntervalMethod);
        Assert.Equal(90.9, f.ReferenceSpreadPercent); // the reference itself went 10 → 1: pairing holds, the host did not
    }

    [Fact(Timeout = 5_000)]
    public void Compare_ClearlyBelowTheBound_IsMissed()
    {
        double[] ratios = [0.80, 0.82, 0.79, 0.81, 0.83, 0.80, 0.78, 0.84, 0.81, 0.80];
        var f = Assert.Single(CalibrationComparison.Compare(Stream, ratios.Select(r => Pair(r, 1)).ToList()));
        Assert.Equal(CalibrationOutcome.Missed, f.Outcome);
    }

    [Fact(Timeout = 5_000)]
    public void Compare_CiStraddlingTheBound_IsInconclusive()
    {
        double[] ratios = [0.97, 0.99, 1.02, 0.98, 1.01, 0.96, 0.99, 0.98, 1.03, 0.97];
        var f = Assert.Single(CalibrationComparison.Compare(Stream, ratios.Select(r => Pair(r, 1)).ToList()));
        Assert.True(f.Ratio < 1 && f.RatioHigh > 1, $"{f.RatioLow} {f.Ratio} {f.RatioHigh}");
        Assert.Equal(CalibrationOutcome.Inconclusive, f.Outcome);
    }

    [Fact(Timeout = 5_000)]
    public void Compare_NotEnoughCleanPairs_IsInconclusiveEvenWhenMet()
    {
        var pairs = Enumerable.Range(0, 4).Select(_ => Pair(1.1, 1)).ToList();
        Assert.Equal(CalibrationOutcome.Inconclusive, Assert.Single(CalibrationComparison.Compare(Stream, pairs, enoughPairs: false)).Outcome);
        Assert.Equal(CalibrationOutcome.Met, Assert.Single(CalibrationComparison.Compare(Stream, pairs, enoughPairs: true)).Outcome);
    }

    [Fact(Timeout = 5_000)]
    public void Compare_NoBound_IsReported()
    {
        var row = Row(new FigurePair(ToolFigures.ThroughputBitsPerSecond, MetricIds.ThroughputBitsPerSecond, null));
        var f = Assert.Single(CalibrationComparison.Compare(row, [Pair(0.7, 1), Pair(0.75, 1)], enoughPairs: false));
        Assert.Equal(CalibrationOutcome.Reported, f.Outcome);
        Assert.Null(f.BoundValue);
    }

    [Fact(Timeout = 5_000)]
    public void Compare_Latency_PairsPercentilesAndJudgesLowerIsBetter()
    {
        var pairs = Enumerable.Range(0, 10).Select(i => Latency(lbP50: 21_000 + (i * 100), toolP50: 20_000 + (i * 100), lbP999: 90_000, toolP999: 60_000, toolSamples: 50_000)).ToList();
        var figures = CalibrationComparison.Compare(PingPong, pairs);
        var p50 = figures.Single(f => f.Figure == ToolFigures.RttP50Ns);
        Assert.InRange(p50.Ratio!.Value, 1.04, 1.05);
        Assert.Equal(CalibrationOutcome.Met, p50.Outcome);
        var p999 = figures.Single(f => f.Figure == ToolFigures.RttP999Ns);
        Assert.Equal(1.5, p999.Ratio!.Value, 9);
        Assert.Equal(CalibrationOutcome.Missed, p999.Outcome);
        Assert.Equal((BoundDirection.AtMost, 1.25), (p999.BoundDirection, p999.BoundValue!.Value));
    }

    [Fact(Timeout = 5_000)]
    public void Compare_PairShortOfSamplesForAPercentile_IsLeftOutOfThatFigureOnly()
    {
        var pairs = Enumerable.Range(0, 10)
            .Select(i => Latency(20_000, 20_000, 60_000, 60_000, toolSamples: i < 3 ? 3_000 : 50_000, lbHasP999: i != 9))
            .ToList();
        var figures = CalibrationComparison.Compare(PingPong, pairs);
        Assert.Equal(10, figures.Single(f => f.Figure == ToolFigures.RttP50Ns).PairRatios.Count);
        var p999 = figures.Single(f => f.Figure == ToolFigures.RttP999Ns);
        Assert.Equal(6, p999.PairRatios.Count);
        Assert.Contains("4 of 10 pairs left out", p999.Note, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5_000)]
    public void Compare_NoPairHasTheFigure_IsInconclusiveWithANote()
    {
        var pairs = Enumerable.Range(0, 10).Select(_ => Latency(20_000, 20_000, 60_000, 60_000, toolSamples: 3_000)).ToList();
        var p999 = CalibrationComparison.Compare(PingPong, pairs).Single(f => f.Figure == ToolFigures.RttP999Ns);
        Assert.Null(p999.Ratio);
        Assert.Equal(CalibrationOutcome.Inconclusive, p999.Outcome);
        Assert.Contains("10 of 10 pairs left out", p999.Note, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5_000)]
    public void Compare_Absolute_IsTheMedianOfLoopBenchsOwnValues_TheReferenceIgnored()
    {
        // The unstamped reference has no such metric, and its throughput must not divide anything.
        var figure = new FigurePair(MetricIds.StampSumOverRttMedian, MetricIds.StampSumOverRttMedian, CalibrationBound.Within(0.97, 1.03), Absolute: true);
        double[] values = [1.01, 0.99, 1.02, 1.00, 1.00, 0.98, 1.01, 1.03, 0.99, 1.00];
        var f = Assert.Single(CalibrationComparison.Compare(Row(figure), values.Select(v => Stamped(v, referenceThroughput: 3e9)).ToList()));
        Assert.Equal(1.00, f.Ratio!.Value, 9);
        Assert.Equal(values, f.PairRatios);
        Assert.Equal(values, f.LoopBenchValues);
        Assert.Empty(f.ToolValues);
        Assert.True(f.RatioLow <= 1.00 && f.RatioHigh >= 1.00, $"{f.RatioLow} {f.RatioHigh}");
        Assert.Equal(CalibrationOutcome.Met, f.Outcome);
        Assert.Equal((BoundDirection.Within, 0.97, 1.03), (f.BoundDirection, f.BoundValue!.Value, f.BoundHigh!.Value));
        Assert.True(f.Absolute);
        Assert.Null(f.ReferenceSpreadPercent);
        Assert.Null(f.Note);
    }

    [Fact(Timeout = 5_000)]
    public void Compare_AbsoluteWhollyOutsideTheBand_IsMissed_AndPairsWithoutTheMetricAreLeftOut()
    {
        var figure = new FigurePair(MetricIds.StampSumOverRttMedian, MetricIds.StampSumOverRttMedian, CalibrationBound.Within(0.97, 1.03), Absolute: true);
        double[] values = [0.80, 0.82, 0.79, 0.81, 0.83, 0.80, 0.78, 0.84, 0.81, 0.80];
        var pairs = values.Select(v => Stamped(v, referenceThroughput: 1)).Append(Pair(1, 1)).ToList();
        var f = Assert.Single(CalibrationComparison.Compare(Row(figure), pairs));
        Assert.Equal(10, f.PairRatios.Count);
        Assert.Equal(CalibrationOutcome.Missed, f.Outcome);
    }

    [Fact(Timeout = 5_000)]
    public void Compare_AbsoluteWithoutTheMetricAnywhere_IsInconclusiveWithANote()
    {
        var figure = new FigurePair(MetricIds.StampSumOverRttMedian, MetricIds.StampSumOverRttMedian, CalibrationBound.Within(0.97, 1.03), Absolute: true);
        var f = Assert.Single(CalibrationComparison.Compare(Row(figure), [Pair(1, 1), Pair(1, 1)]));
        Assert.Null(f.Ratio);
        Assert.Equal(CalibrationOutcome.Inconclusive, f.Outcome);
        Assert.Equal("no clean pair has this figure", f.Note);
    }

    [Fact(Timeout = 5_000)]
    public void Compare_RatioFigure_CarriesNoAbsoluteFlagNorHighEnd()
    {
        var f = Assert.Single(CalibrationComparison.Compare(Stream, [Pair(1, 1)]));
        Assert.Null(f.Absolute);
        Assert.Null(f.BoundHigh);
    }

    internal static CalibrationRow Row(params FigurePair[] figures) =>
        new("row", CalibrationReference.Iperf3, "iperf3", "iperf3", [], PlacementKind.Unpinned, null, figures, null, null);

    private static MeasuredPair Pair(double loopBench, double tool) =>
        new(Fixtures.FakeRepetitions.Result(0, loopBench), new Dictionary<string, double> { [ToolFigures.ThroughputBitsPerSecond] = tool });

    private static MeasuredPair Stamped(double sumOverRtt, double referenceThroughput)
    {
        var rep = Fixtures.FakeRepetitions.Result(0, 0) with
        {
            Metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { [MetricIds.StampSumOverRttMedian] = sumOverRtt },
        };
        return new MeasuredPair(rep, new Dictionary<string, double> { [ToolFigures.ThroughputBitsPerSecond] = referenceThroughput });
    }

    private static MeasuredPair Latency(double lbP50, double toolP50, double lbP999, double toolP999, double toolSamples, bool lbHasP999 = true)
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { [MetricIds.RttP50Ns] = lbP50 };
        if (lbHasP999)
        {
            metrics[MetricIds.RttP999Ns] = lbP999;
        }

        var rep = Fixtures.FakeRepetitions.Result(0, 0) with { Metrics = metrics };
        return new MeasuredPair(rep, new Dictionary<string, double>
        {
            [ToolFigures.RttP50Ns] = toolP50, [ToolFigures.RttP999Ns] = toolP999, [ToolFigures.RttSamples] = toolSamples,
        });
    }
}
