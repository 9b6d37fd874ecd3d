using System.Text.Json;
using System.Xml.Linq;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

public sealed class CompareCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TenPercentSlowerThroughput_ExitsThree_AndNamesTheRegression()
    {
        var (baseline, candidate) = Write(reps: 10, candidateFactor: 0.9);
        var (code, stdout, _) = CliHarness.Run("compare", baseline, candidate);
        Assert.Equal(3, code);
        Assert.Contains("1 regression", stdout, StringComparison.Ordinal);
        Assert.Contains("regression", stdout, StringComparison.Ordinal);
        Assert.Contains("Hodges-Lehmann", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", stdout, StringComparison.Ordinal); // not a terminal: no colour
    }

    [Fact]
    public void SameFigures_ExitZero_NoChange()
    {
        var (baseline, candidate) = Write(reps: 10, candidateFactor: 1.0);
        var (code, stdout, stderr) = CliHarness.Run("compare", baseline, candidate);
        Assert.Equal(0, code);
        Assert.Contains("0 regressions", stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Fact]
    public void FiveAgainstFive_IsInconclusiveNotNoChange_AndFailsOnlyWhenAsked()
    {
        var (baseline, candidate) = Write(reps: 5, candidateFactor: 0.5);
        var (code, stdout, _) = CliHarness.Run("compare", baseline, candidate);
        Assert.Equal(0, code);
        Assert.Contains("inconclusive", stdout, StringComparison.Ordinal);
        Assert.Contains("5 vs 5 repetitions cannot reach", stdout, StringComparison.Ordinal);
        Assert.Contains("at least 7 repetitions per side", stdout, StringComparison.Ordinal);
        Assert.Contains("0 no-change, 1 inconclusive", stdout, StringComparison.Ordinal);
        Assert.Equal(4, CliHarness.Run("compare", baseline, candidate, "--fail-on-inconclusive").ExitCode);
    }

    [Fact]
    public void Markdown_HasTheTableAndTheEstimatorName()
    {
        var (baseline, candidate) = Write(reps: 10, candidateFactor: 0.9);
        var (code, stdout, _) = CliHarness.Run("compare", baseline, candidate, "--format", "markdown");
        Assert.Equal(3, code);
        Assert.StartsWith("## LoopBench compare: 1 regression", stdout, StringComparison.Ordinal);
        Assert.Contains("| ❌ regression |", stdout, StringComparison.Ordinal);
        Assert.Contains("Hodges-Lehmann shift of log values", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_And_Junit_AreWellFormed_WithTheRegressionAsAFailure()
    {
        var (baseline, candidate) = Write(reps: 10, candidateFactor: 0.9);
        var (_, json, _) = CliHarness.Run("compare", baseline, candidate, "--format", "json");
        using var doc = JsonDocument.Parse(json);
        var rows = doc.RootElement.GetProperty("cases")[0].GetProperty("metrics");
        Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("verdict").GetString() == "regression");
        Assert.True(doc.RootElement.GetProperty("hasRegression").GetBoolean());

        string junitFile = Path.Combine(_dir.Path, "compare.xml");
        Assert.Equal(3, CliHarness.Run("compare", baseline, candidate, "--format", "junit", "-o", junitFile).ExitCode);
        var suite = XDocument.Load(junitFile).Root!.Element("testsuite")!;
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        Assert.Single(suite.Descendants("failure"));
    }

    [Fact]
    public void MissingAndNewCases_AreListed()
    {
        var random = new Random(12345);
        var common = Case(random, 0, 10, 1.0);
        string baseline = SyntheticRuns.Write(_dir.Path, SyntheticRuns.Run("b", [common, Case(random, 1, 10, 1.0)]));
        string candidate = SyntheticRuns.Write(_dir.Path, SyntheticRuns.Run("c", [common, Case(random, 2, 10, 1.0)]));
        var (code, stdout, stderr) = CliHarness.Run("compare", baseline, candidate);
        Assert.Contains("INCOMPLETE: the candidate lacks what the baseline measured:\n  " + SyntheticRuns.StreamCase(1).Key + ": not in the candidate", stdout, StringComparison.Ordinal);
        Assert.Contains("new in the candidate:\n  " + SyntheticRuns.StreamCase(2).Key, stdout, StringComparison.Ordinal);
        Assert.Equal(4, code);
        Assert.Contains("the candidate is incomplete", stderr, StringComparison.Ordinal);
        Assert.Equal(0, CliHarness.Run("compare", baseline, candidate, "--allow-incomplete").ExitCode);
    }

    [Fact]
    public void ACandidateWithFewerRepetitions_IsIncomplete_AndJunitFailsIt()
    {
        var random = new Random(12345);
        string baseline = SyntheticRuns.Write(_dir.Path, SyntheticRuns.Run("b", [Case(random, 0, 10, 1.0)]));
        string candidate = SyntheticRuns.Write(_dir.Path, SyntheticRuns.Run("c", [Case(random, 0, 3, 1.0)]));
        var (code, stdout, _) = CliHarness.Run("compare", baseline, candidate);
        Assert.Equal(4, code);
        Assert.Contains(SyntheticRuns.StreamCase(0).Key + ": 3 of 10 repetitions", stdout, StringComparison.Ordinal);
        var (junitCode, junit, _) = CliHarness.Run("compare", baseline, candidate, "--format", "junit");
        Assert.Equal(4, junitCode);
        Assert.Contains("name=\"completeness\"", junit, StringComparison.Ordinal);
        Assert.Contains("type=\"incomplete\"", junit, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownMetricIds_AreSkippedAndListed_NotACrash()
    {
        var random = new Random(12345);
        var c = SyntheticRuns.StreamCase(0);
        CaseResult Make() => SyntheticRuns.Case(c, new Dictionary<string, double[]>
        {
            [MetricIds.ThroughputBitsPerSecond] = SyntheticRuns.Noisy(random, 10, 1e10, 0.01),
            ["quantumFluxPerSecond"] = SyntheticRuns.Noisy(random, 10, 5, 0.01),
        });
        string baseline = SyntheticRuns.Write(_dir.Path, SyntheticRuns.Run("b", [Make()]));
        string candidate = SyntheticRuns.Write(_dir.Path, SyntheticRuns.Run("c", [Make()]));
        var (code, stdout, _) = CliHarness.Run("compare", baseline, candidate);
        Assert.Equal(0, code);
        Assert.Contains("quantumFluxPerSecond", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentDifferences_IdentityRefuses_SubjectWarns_ExpectDiffSilences()
    {
        var random = new Random(12345);
        string baseline = SyntheticRuns.Write(_dir.Path, SyntheticRuns.Run("b", [Case(random, 0, 10, 1.0)]));
        string otherCpu = SyntheticRuns.Write(_dir.Path, SyntheticRuns.Run("c1", [Case(random, 0, 10, 1.0)], SyntheticRuns.Environment(cpu: "Other CPU")));
        string otherKernel = SyntheticRuns.Write(_dir.Path, SyntheticRuns.Run("c2", [Case(random, 0, 10, 1.0)], SyntheticRuns.Environment(kernel: "6.12.0")));

        var refused = CliHarness.Run("compare", baseline, otherCpu);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("cpuModel: 'Test CPU @ 2.0GHz' vs 'Other CPU'", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-env-diff", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, CliHarness.Run("compare", baseline, otherCpu, "--allow-env-diff").ExitCode);

        var warned = CliHarness.Run("compare", baseline, otherKernel);
        Assert.Equal(0, warned.ExitCode);
        Assert.Contains("warning: environment differs: kernel '6.1.0-test' vs '6.12.0' (silence with --expect-diff kernel)", warned.Stderr, StringComparison.Ordinal);
        Assert.Empty(CliHarness.Run("compare", baseline, otherKernel, "--expect-diff", "kernel").Stderr);
    }

    [Fact]
    public void BadInput_ExitsTwo_WithAClearMessage()
    {
        var (baseline, candidate) = Write(reps: 10, candidateFactor: 1.0);
        string corrupt = Path.Combine(_dir.Path, "corrupt.json");
        File.WriteAllText(corrupt, "{ \"schemaVersion\": 1, \"cases\": [ tru");
        string future = Path.Combine(_dir.Path, "future.json");
        File.WriteAllText(future, File.ReadAllText(baseline).Replace("\"schemaVersion\": 1", "\"schemaVersion\": 99", StringComparison.Ordinal));
        string disjoint = SyntheticRuns.Write(_dir.Path, SyntheticRuns.Run("d", [Case(new Random(1), 7, 10, 1.0)]));

        AssertBad(["compare", Path.Combine(_dir.Path, "nope.json"), candidate], "does not exist");
        AssertBad(["compare", _dir.Path, candidate], "is a directory without a run.json");
        AssertBad(["compare", corrupt, candidate], "is not valid JSON");
        AssertBad(["compare", future, candidate], "schema version 99; this build reads versions 1 to 1");
        AssertBad(["compare", baseline, disjoint], "no case in common");
        AssertBad(["compare", baseline, candidate, "--threshold", "throughputBitsPerSecond=fast"], "threshold 'fast'");
        AssertBad(["compare", baseline, candidate, "--threshold", "noSuchMetric=5%"], "unknown metric 'noSuchMetric'");
        AssertBad(["compare", baseline, candidate, "--format", "yaml"], "valid: table, markdown, json, junit");
        AssertBad(["compare", "last:main", candidate, "--history", Path.Combine(_dir.Path, "none.db")], "no history at");
    }

    private static void AssertBad(string[] args, string hint)
    {
        var (code, stdout, stderr) = CliHarness.Run(args);
        Assert.True(code == 2, $"exit {code} for {string.Join(' ', args)}: {stderr}");
        Assert.Contains(hint, stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    private (string Baseline, string Candidate) Write(int reps, double candidateFactor)
    {
        var random = new Random(12345);
        var baseline = SyntheticRuns.Run("base-" + reps, [Case(random, 0, reps, 1.0)]);
        var candidate = SyntheticRuns.Run("cand-" + reps + "-" + candidateFactor, [Case(random, 0, reps, candidateFactor)]);
        return (SyntheticRuns.Write(_dir.Path, baseline), SyntheticRuns.Write(_dir.Path, candidate));
    }

    private static CaseResult Case(Random random, int i, int reps, double factor) => SyntheticRuns.Case(SyntheticRuns.StreamCase(i), new Dictionary<string, double[]>
    {
        [MetricIds.ThroughputBitsPerSecond] = SyntheticRuns.Noisy(random, reps, 20e9 * factor, 0.01),
        [MetricIds.Bytes] = SyntheticRuns.Noisy(random, reps, 5e9 * factor, 0.01),
    });
}
