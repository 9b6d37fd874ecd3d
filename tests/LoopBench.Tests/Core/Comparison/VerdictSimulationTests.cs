using LoopBench.Core.Comparison;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Comparison;

/// <summary>
/// The statistical promises, checked on seeded synthetic runs with realistic noise: lognormal with
/// a 3% CV, and one repetition in fifty hit by a 20% hiccup (a scheduler stall), on both sides.
/// </summary>
[Trait(Traits.Category, Traits.Slow)]
public sealed class VerdictSimulationTests(ITestOutputHelper output)
{
    private const double Sigma = 0.03;
    private const double OutlierRate = 0.02;
    private const double OutlierFactor = 0.8;

    [Fact(Timeout = 120_000)]
    public void IdenticalDistributions_A50ComparisonReport_FalseAlarmsInAtMostFivePercent()
    {
        var random = new Random(12345);
        const int Simulations = 400, Cases = 25;
        int falseAlarms = 0, improvementsClaimed = 0, rows = 0;
        for (int s = 0; s < Simulations; s++)
        {
            var (baseline, candidate) = Pair(random, Cases, reps: 10, candidateFactor: 1.0);
            var report = CaseComparer.Compare(baseline, candidate, new ComparisonOptions());
            rows += report.Rows().Count();
            falseAlarms += report.HasRegression ? 1 : 0;
            improvementsClaimed += report.Count(Verdict.Improvement) > 0 ? 1 : 0;
        }

        output.WriteLine($"A/A: {falseAlarms}/{Simulations} reports with a regression, {improvementsClaimed} with an improvement");
        Assert.Equal(Simulations * 50, rows); // 25 cases × (throughput + messages per second)
        Assert.True(falseAlarms <= Simulations * 0.05, $"{falseAlarms} of {Simulations} A/A reports raised a regression");
        Assert.True(improvementsClaimed <= Simulations * 0.05, $"{improvementsClaimed} of {Simulations} A/A reports claimed an improvement");
    }

    [Fact(Timeout = 120_000)]
    public void TenPercentSlowdown_AtTenRepetitions_IsARegressionInAtLeastNinetyPercent()
    {
        var random = new Random(12345);
        const int Simulations = 2000;
        int detected = 0;
        for (int s = 0; s < Simulations; s++)
        {
            var (baseline, candidate) = Pair(random, cases: 1, reps: 10, candidateFactor: 0.9);
            var report = CaseComparer.Compare(baseline, candidate, new ComparisonOptions());
            detected += report.Rows().First(r => r.Metric.Metric == MetricIds.ThroughputBitsPerSecond).Metric.Verdict == Verdict.Regression ? 1 : 0;
        }

        output.WriteLine($"10% slowdown: {detected}/{Simulations} detected");
        Assert.True(detected >= Simulations * 0.9, $"detected {detected} of {Simulations}");
    }

    [Fact(Timeout = 120_000)]
    public void Holm_OverAFiftyComparisonReport_KeepsTheFamilyWiseRate()
    {
        var random = new Random(12345);
        const int Simulations = 200;
        int falseAlarms = 0;
        for (int s = 0; s < Simulations; s++)
        {
            var (baseline, candidate) = Pair(random, 25, reps: 10, candidateFactor: 1.0);
            var report = CaseComparer.Compare(baseline, candidate, new ComparisonOptions { Control = ErrorControl.Holm, Alpha = 0.05 });
            falseAlarms += report.HasRegression ? 1 : 0;
        }

        output.WriteLine($"Holm A/A: {falseAlarms}/{Simulations} reports with a regression");
        Assert.True(falseAlarms <= Simulations * 0.05, $"{falseAlarms} of {Simulations}");
    }

    private static (RunResult Baseline, RunResult Candidate) Pair(Random random, int cases, int reps, double candidateFactor)
    {
        CaseResult Make(int i, double factor) => SyntheticRuns.Case(SyntheticRuns.StreamCase(i), new Dictionary<string, double[]>
        {
            [MetricIds.ThroughputBitsPerSecond] = SyntheticRuns.Noisy(random, reps, 20e9 * factor, Sigma, OutlierRate, OutlierFactor),
            [MetricIds.MessagesPerSecond] = SyntheticRuns.Noisy(random, reps, 150_000 * factor, Sigma, OutlierRate, OutlierFactor),
        });
        var baseline = Enumerable.Range(0, cases).Select(i => Make(i, 1.0)).ToList();
        var candidate = Enumerable.Range(0, cases).Select(i => Make(i, candidateFactor)).ToList();
        return (SyntheticRuns.Run("base", baseline), SyntheticRuns.Run("cand", candidate));
    }
}
