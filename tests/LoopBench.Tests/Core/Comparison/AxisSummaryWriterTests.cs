using LoopBench.Core.Comparison;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Comparison;

/// <summary>summary.md's A/B section for a scenario with a compare: block, from fake result sets.</summary>
public sealed class AxisSummaryWriterTests
{
    private static readonly RunSettings Settings = new(12, false, 42, 0, null, null, 12, [], []);

    [Fact]
    public void Summary_CarriesTheVerdictTable_PerPair()
    {
        var run = Run([Stream("cubic", 100e9), Stream("bbr", 50e9), Stream("reno", 100e9)], new("congestion", "congestion", "cubic"));

        string md = RunSummary.Render(run, AxisSummaryWriter.Markdown);

        Assert.Contains("## A/B: congestion (baseline cubic)", md, StringComparison.Ordinal);
        Assert.Contains("| pair | case | metric | baseline | candidate | shift | interval | verdict | all metrics |", md, StringComparison.Ordinal);
        var bbr = Assert.Single(md.Split('\n'), l => l.StartsWith("| congestion: cubic → bbr |", StringComparison.Ordinal));
        Assert.Contains("| throughputBitsPerSecond | 100.000 Gbit/s | 50.000 Gbit/s | -50.0% |", bbr, StringComparison.Ordinal);
        Assert.Contains("❌ regression | regression |", bbr, StringComparison.Ordinal);
        var reno = Assert.Single(md.Split('\n'), l => l.StartsWith("| congestion: cubic → reno |", StringComparison.Ordinal));
        Assert.Contains("no-change", reno, StringComparison.Ordinal);
        Assert.True(md.IndexOf("## A/B", StringComparison.Ordinal) < md.IndexOf("CI: ", StringComparison.Ordinal), "the section follows the table, before the footnote");
    }

    [Fact]
    public void Summary_WithoutCompareBlock_HasNoSection()
    {
        var run = Run([Stream("cubic", 100e9), Stream("bbr", 50e9)], null);

        Assert.Equal(RunSummary.Render(run), RunSummary.Render(run, AxisSummaryWriter.Markdown));
    }

    [Fact]
    public void Summary_OfARunWithOneValueSoFar_SaysWhyItIsNotJudged()
    {
        var run = Run([Stream("cubic", 100e9)], new("congestion", "congestion", "cubic"));

        string md = AxisSummaryWriter.Markdown(run);

        Assert.Contains("Not judged: --axis congestion: the run has 1 value of it (cubic)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void PatternAxis_PairsNothing_AndNamesTheTokensItChanges()
    {
        var stream = new Case { DurationMs = 2000, WarmupMs = 500 }.Resolve();
        var rr = new Case { Pattern = PatternKind.Rr, DurationMs = 2000, WarmupMs = 500 }.Resolve();
        var run = SyntheticRuns.Run("20261206T100000Z-pat", [
            SyntheticRuns.Case(stream, new Dictionary<string, double[]> { [MetricIds.ThroughputBitsPerSecond] = [1e9, 1e9] }),
            SyntheticRuns.Case(rr, new Dictionary<string, double[]> { [MetricIds.TransactionsPerSecond] = [1e4, 1e4] })]);

        var ex = Assert.Throws<ComparisonInputException>(() => AxisComparison.Of(run, "pattern", "pattern", null, new ComparisonOptions()));

        Assert.Contains("no case in common for pattern: stream → rr: this axis changes other key tokens too (", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nodelay", ex.Message, StringComparison.Ordinal);
        Assert.Contains("len", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a pattern brings its own nodelay and size defaults", ex.Message, StringComparison.Ordinal);
    }

    private static RunResult Run(IReadOnlyList<CaseResult> cases, CompareSettings? compare) =>
        SyntheticRuns.Run("20261206T100000Z-ab", cases) with { Scenario = "cc-ab", Settings = Settings with { Compare = compare } };

    private static CaseResult Stream(string congestion, double bitsPerSecond)
    {
        var knobs = SocketKnobs.KernelDefault with { CongestionControl = congestion };
        var c = (SyntheticRuns.StreamCase(0) with { ClientKnobs = knobs, ServerKnobs = knobs }).Resolve();
        var values = Enumerable.Range(0, 12).Select(i => bitsPerSecond * (1 + ((i - 5.5) * 0.001))).ToArray();
        return SyntheticRuns.Case(c, new Dictionary<string, double[]> { [MetricIds.ThroughputBitsPerSecond] = values });
    }
}
