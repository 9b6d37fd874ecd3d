using LoopBench.Core.Calibration;
using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;

namespace LoopBench.Tests.Core.Calibration;

/// <summary>
/// Latency percentiles across calibrate repetitions: medians of per-repetition percentiles, as the
/// tool's, when every repetition has them all; else from the merged histograms (issue 10: a p99.9
/// taken as the median of only the repetitions that had one came out below the p99).
/// </summary>
public sealed class CalibrationComparisonTests
{
    private static readonly CalibrationRow Row = new(
        "sockperf-tcp4-pp-64B-same-cpu", "sockperf", "sockperf", "sockperf", [], PlacementKind.SameCpu, null,
        [new(ToolFigures.RttP50Ns, MetricIds.RttP50Ns), new(ToolFigures.RttP99Ns, MetricIds.RttP99Ns), new(ToolFigures.RttP999Ns, MetricIds.RttP999Ns)],
        _ => new ToolInvocation(null, ["true"]),
        (string _, out IReadOnlyDictionary<string, double> f, out string e) => { (f, e) = (new Dictionary<string, double>(), string.Empty); return true; });

    [Fact(Timeout = 10_000)]
    public void Percentiles_FastAndSlowRepetitions_ComeFromMergedHistogramsInOrder()
    {
        // Two fast repetitions with a p99.9 of their own, three slow ones too short for one: the
        // per-repetition medians would put p99.9 (fast only) below p99 (all five).
        var histograms = new[] { Fast(1), Fast(2), Slow(3), Slow(4), Slow(5) };
        var reps = histograms.Select(Repetition).ToList();
        Assert.True(Median(reps, MetricIds.RttP999Ns) < Median(reps, MetricIds.RttP99Ns), "the fixture reproduces the old inversion");

        var figures = CalibrationComparison.Compare(Row, reps, reps.Select(_ => Tool(20_000)).ToList());

        var merged = new LatencyHistogram();
        foreach (var h in histograms)
        {
            merged.Merge(h);
        }

        double p50 = Pooled(figures, ToolFigures.RttP50Ns), p99 = Pooled(figures, ToolFigures.RttP99Ns), p999 = Pooled(figures, ToolFigures.RttP999Ns);
        Assert.Equal(merged.ValueAtQuantile(0.50), p50);
        Assert.Equal(merged.ValueAtQuantile(0.99), p99);
        Assert.Equal(merged.ValueAtQuantile(0.999), p999);
        Assert.True(p50 <= p99 && p99 <= p999, $"{p50} {p99} {p999}");
        var f999 = figures.Single(f => f.Figure == ToolFigures.RttP999Ns);
        Assert.Equal(p999 / 100_000, f999.Ratio!.Value, 9);
        Assert.InRange(f999.Ratio.Value, f999.RatioLow!.Value, f999.RatioHigh!.Value);
        Assert.Contains("merged histograms", f999.IntervalMethod, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void P999_FewerThan10000SamplesInAll_IsNotMeaningful()
    {
        var reps = new[] { Slow(1), Slow(2), Slow(3) }.Select(Repetition).ToList(); // 9 000 round trips
        var figures = CalibrationComparison.Compare(Row, reps, reps.Select(_ => Tool(20_000)).ToList());

        var f999 = figures.Single(f => f.Figure == ToolFigures.RttP999Ns);
        Assert.Null(f999.LoopBenchPooled);
        Assert.True(f999.LoopBenchShortOfSamples);
        Assert.Null(f999.Ratio);
        Assert.Contains("9000 round trips over 3 repetitions, p99.9 needs 10000: not meaningful", f999.Note, StringComparison.Ordinal);
        Assert.NotNull(figures.Single(f => f.Figure == ToolFigures.RttP99Ns).Ratio); // 9 000 ≥ 1 000
    }

    [Fact(Timeout = 10_000)]
    public void P999_ToolRepetitionShortOfSamples_IsNotMeaningful()
    {
        var reps = new[] { Fast(1), Fast(2) }.Select(Repetition).ToList();
        var figures = CalibrationComparison.Compare(Row, reps, [Tool(20_000), Tool(3_000)]);

        var f999 = figures.Single(f => f.Figure == ToolFigures.RttP999Ns);
        Assert.Equal(2, f999.LoopBenchValues.Count); // LoopBench's own p99.9 stand, per repetition
        Assert.Null(f999.LoopBenchShortOfSamples);
        Assert.Null(f999.Ratio);
        Assert.Contains("tool: fewest round trips in a repetition 3000", f999.Note, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void Percentiles_EveryRepetitionHasThem_AreMediansOfRepetitions_LikeTheTools()
    {
        // Three repetitions with a 60 µs tail, two with a 2 ms one: pooled, p99.9 sits in the 2 ms
        // tail; the median repetition's p99.9 is a 60 µs one, as the tool's median would be.
        var reps = new[] { Fast(1), Fast(2), Fast(3), Fill(4, 12_000, 20_000, 2_000_000), Fill(5, 12_000, 20_000, 2_000_000) }.Select(Repetition).ToList();
        var figures = CalibrationComparison.Compare(Row, reps, reps.Select(_ => Tool(20_000)).ToList());

        var f999 = figures.Single(f => f.Figure == ToolFigures.RttP999Ns);
        Assert.Null(f999.LoopBenchPooled);
        Assert.Equal(Median(reps, MetricIds.RttP999Ns) / 100_000, f999.Ratio!.Value, 9);
        Assert.Contains("ratio of medians", f999.IntervalMethod, StringComparison.Ordinal);
        double pooled = LatencyPool.From(reps)!.Quantile(0.999)!.Value;
        Assert.True(pooled > 10 * Median(reps, MetricIds.RttP999Ns), $"the fixture tells the two apart: pooled {pooled}");
        var medians = new[] { ToolFigures.RttP50Ns, ToolFigures.RttP99Ns, ToolFigures.RttP999Ns }
            .Select(id => BootstrapRatio.Median(figures.Single(f => f.Figure == id).LoopBenchValues.ToArray())).ToList();
        Assert.True(medians[0] <= medians[1] && medians[1] <= medians[2], string.Join(" ", medians)); // still in order
    }

    [Fact(Timeout = 5_000)]
    public void OfStatistic_WithMedianStatistic_EqualsOfMedians()
    {
        double[] a = [3, 1, 4, 1, 5], b = [9, 2, 6, 5, 3];
        var viaMedians = BootstrapRatio.OfMedians(a, b);
        var viaStatistic = BootstrapRatio.OfStatistic(a.Length, picks => BootstrapRatio.Median(picks.Select(i => a[i]).ToArray()), b, "the ratio of medians");
        Assert.Equal(viaMedians, viaStatistic);
    }

    private static double Pooled(List<CalibrationFigureResult> figures, string figure) => figures.Single(f => f.Figure == figure).LoopBenchPooled!.Value;

    private static double Median(List<RepetitionResult> reps, string metric) =>
        BootstrapRatio.Median(reps.Where(r => r.Metrics.ContainsKey(metric)).Select(r => r.Metrics[metric]).ToArray());

    /// <summary>12 000 round trips of 20-40 µs with a 1% tail at 60 µs.</summary>
    private static LatencyHistogram Fast(int seed) => Fill(seed, 12_000, 20_000, 60_000);

    /// <summary>3 000 round trips of 200-400 µs with a 1% tail at 600 µs.</summary>
    private static LatencyHistogram Slow(int seed) => Fill(seed, 3_000, 200_000, 600_000);

    private static LatencyHistogram Fill(int seed, int count, long baseNs, long tailNs)
    {
        var random = new Random(12345 + seed);
        var h = new LatencyHistogram();
        for (int i = 0; i < count; i++)
        {
            h.Record(i % 100 == 0 ? tailNs + random.Next(1000) : baseNs + random.Next((int)baseNs));
        }

        return h;
    }

    private static RepetitionResult Repetition(LatencyHistogram h, int index)
    {
        var summary = LatencySummary.From(h);
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (id, value) in new[] { (MetricIds.RttP50Ns, summary.P50Ns), (MetricIds.RttP99Ns, summary.P99Ns), (MetricIds.RttP999Ns, summary.P999Ns) })
        {
            if (value is double v)
            {
                metrics[id] = v;
            }
        }

        var buckets = h.NonEmptyBuckets().Select(b => new[] { b.LowerNs, b.WidthNs, b.Count }).ToList();
        return new RepetitionResult(index, DateTimeOffset.UnixEpoch, false, 2_000_000_000, metrics, summary, buckets, [], null, []);
    }

    private static Dictionary<string, double> Tool(long samples) => new()
    {
        [ToolFigures.RttP50Ns] = 25_000,
        [ToolFigures.RttP99Ns] = 50_000,
        [ToolFigures.RttP999Ns] = 100_000,
        [ToolFigures.RttSamples] = samples,
    };
}
