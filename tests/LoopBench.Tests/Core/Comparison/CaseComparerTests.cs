using LoopBench.Core.Comparison;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Comparison;

public sealed class CaseComparerTests
{
    private static CaseResult Stream(int i, double factor, CaseOutcome outcome = CaseOutcome.Passed) =>
        SyntheticRuns.Case(SyntheticRuns.StreamCase(i), new Dictionary<string, double[]>
        {
            [MetricIds.ThroughputBitsPerSecond] = SyntheticRuns.Noisy(new Random(12345 + i), 10, 1e10 * factor, 0.01),
        }, outcome, outcome == CaseOutcome.Passed ? null : "worker died");

    [Fact]
    public void ACandidateCaseThatFailed_IsARegression_ASkippedOneIsNotCompared()
    {
        var baseline = SyntheticRuns.Run("b", [Stream(0, 1), Stream(1, 1)]);
        var candidate = SyntheticRuns.Run("c", [Stream(0, 1, CaseOutcome.FailedWorker), Stream(1, 1, CaseOutcome.SkippedPlacement)]);
        var report = CaseComparer.Compare(baseline, candidate, new ComparisonOptions());
        Assert.True(report.HasRegression);
        Assert.Equal("outcome", Assert.Single(report.Cases[0].Metrics).Metric);
        Assert.Contains("failed:worker: worker died", report.Cases[0].Metrics[0].Note, StringComparison.Ordinal);
        Assert.Empty(report.Cases[1].Metrics);
        Assert.Contains("skipped:placement", report.Cases[1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void TheJsonReport_WritesDirectionAndControlAsIds_AndAFailedRowsDirectionAsEmpty()
    {
        var baseline = SyntheticRuns.Run("b", [Stream(0, 1), Stream(1, 1)]);
        var candidate = SyntheticRuns.Run("c", [Stream(0, 1, CaseOutcome.FailedWorker), Stream(1, 1)]);
        var report = CaseComparer.Compare(baseline, candidate, new ComparisonOptions { Control = ErrorControl.Holm, Alpha = 0.05 });
        using var json = System.Text.Json.JsonDocument.Parse(JsonReportWriter.Write(report));
        var root = json.RootElement;
        Assert.Equal("holm", root.GetProperty("control").GetString());
        Assert.Contains("(holm)", root.GetProperty("sampleSizeStatement").GetString(), StringComparison.Ordinal);
        var cases = root.GetProperty("cases");
        Assert.Equal(string.Empty, cases[0].GetProperty("metrics")[0].GetProperty("better").GetString());
        Assert.Equal("higher", cases[1].GetProperty("metrics")[0].GetProperty("better").GetString());
    }

    [Fact]
    public void ImprovementAndThresholdOverride_AreHonoured()
    {
        var baseline = SyntheticRuns.Run("b", [Stream(0, 1)]);
        var faster = SyntheticRuns.Run("c", [Stream(0, 1.08)]);
        Assert.Equal(Verdict.Improvement, CaseComparer.Compare(baseline, faster, new ComparisonOptions()).Cases[0].Overall);
        var wide = new ComparisonOptions { Thresholds = new Dictionary<string, string> { [MetricIds.ThroughputBitsPerSecond] = "10%" } };
        Assert.Equal(Verdict.NoChange, CaseComparer.Compare(baseline, faster, wide).Cases[0].Overall);
    }

    [Fact]
    public void AChangeWhosePlacementDiffers_SaysHowOftenEachSideSharedACpu()
    {
        static CaseResult Rr(double tps, int sharedOf10)
        {
            var c = SyntheticRuns.Case(SyntheticRuns.RrCase(0), new Dictionary<string, double[]>
            {
                [MetricIds.TransactionsPerSecond] = SyntheticRuns.Noisy(new Random(7), 10, tps, 0.01),
            });
            return c with { Repetitions = [.. c.Repetitions.Select(r => r with { Ends = Ends(r.Index < sharedOf10) })] };
        }

        var baseline = SyntheticRuns.Run("b", [Rr(15000, 0)]);
        var slower = CaseComparer.Compare(baseline, SyntheticRuns.Run("c", [Rr(12000, 3)]), new ComparisonOptions()).Cases[0].Metrics.Single(m => m.Metric == MetricIds.TransactionsPerSecond);
        var same = CaseComparer.Compare(baseline, SyntheticRuns.Run("c", [Rr(15000, 3)]), new ComparisonOptions()).Cases[0].Metrics.Single(m => m.Metric == MetricIds.TransactionsPerSecond);
        var placedAlike = CaseComparer.Compare(baseline, SyntheticRuns.Run("c", [Rr(12000, 0)]), new ComparisonOptions()).Cases[0].Metrics.Single(m => m.Metric == MetricIds.TransactionsPerSecond);

        Assert.Equal(Verdict.Regression, slower.Verdict);
        Assert.Contains("placement differs: every end on one CPU in 0/10 baseline and 3/10 candidate repetitions", slower.Note, StringComparison.Ordinal);
        Assert.Equal(Verdict.NoChange, same.Verdict);
        Assert.Null(same.Note);
        Assert.Equal(Verdict.Regression, placedAlike.Verdict);
        Assert.DoesNotContain("placement", placedAlike.Note ?? string.Empty, StringComparison.Ordinal);
    }

    private static IReadOnlyList<EndResult> Ends(bool oneCpu) =>
    [
        new EndResult("lb-c0-rr", LoopBench.Core.EndRole.Client, null, [0], 0, 0, 10, 0, 0, 0, null),
        new EndResult("lb-s0-rr", LoopBench.Core.EndRole.Server, null, [oneCpu ? 0 : 1], 0, 0, 10, 0, 0, 0, null),
    ];

    [Theory]
    [InlineData("5%|2us")]
    [InlineData("2us")]
    public void AThresholdForEveryMetric_MustBeRelative(string text)
    {
        var baseline = SyntheticRuns.Run("b", [Stream(0, 1)]);
        var options = new ComparisonOptions { Thresholds = new Dictionary<string, string> { ["*"] = text } };
        var ex = Assert.Throws<ComparisonInputException>(() => CaseComparer.Compare(baseline, baseline, options));
        Assert.Contains("must be relative", ex.Message, StringComparison.Ordinal);
    }
}
