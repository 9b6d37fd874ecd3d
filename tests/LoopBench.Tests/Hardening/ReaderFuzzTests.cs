using System.Diagnostics;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>
/// Seeded fuzz of the two file readers (iperf3's malformed-JSON CVEs are the warning): thousands
/// of mutated scenario files and run.json documents, each giving a clear error or a valid result,
/// with no other exception, no hang and no huge allocation. The seed is fixed so a failure repeats.
/// </summary>
public sealed class ReaderFuzzTests
{
    private const int Seed = 20261123;

    [Fact(Timeout = 60_000)]
    public void ScenarioLoader_MutatedFiles_GiveScenarioErrorsOnly()
    {
        var seeds = Directory.GetFiles(RepoFiles.PathOf("scenarios"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(File.ReadAllText).Append(AliasBomb()).ToList();
        var mutator = new Mutator(Seed, "[{:-#&*!|>'\"%@` \n\t,]}");
        var inputs = seeds.Concat(Enumerable.Range(0, 3000).Select(i => mutator.Mutate(seeds[i % seeds.Count]))).ToList();

        var watch = Stopwatch.StartNew();
        var failures = FuzzHarness.Run<ScenarioException>(inputs, text =>
        {
            var errors = new List<ScenarioError>();
            var document = ScenarioLoader.Parse("fuzz.yaml", text, errors);
            if (errors.Count > 0)
            {
                throw new ScenarioException(errors);
            }

            ScenarioValidator.Validate(document!);
        });

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the fuzz took {watch.Elapsed}");
    }

    [Fact(Timeout = 60_000)]
    public void RunFileReader_MutatedDocuments_GiveRunFileErrorsOnly()
    {
        string real = ResultJson.Serialize(SyntheticRuns.Run("fuzz", [RealCase()]));
        string synthetic = ResultJson.Serialize(SyntheticRuns.Run("synthetic", [SyntheticRuns.Case(new Case { Pattern = PatternKind.Rr }, new Dictionary<string, double[]> { [MetricIds.TransactionsPerSecond] = [1, 2, 3] })]));
        string[] seeds = [real, synthetic];
        var mutator = new Mutator(Seed, "[{\":,]}0-e.\\ ");
        var inputs = seeds.Concat(Enumerable.Range(0, 2000).Select(i => mutator.Mutate(seeds[i % 2]))).ToList();

        var failures = FuzzHarness.Run<RunFileException>(inputs, json => RunFileReader.Parse(json, "fuzz.json"));

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public void Mutator_IsSeeded_AndChangesItsInput()
    {
        string text = "name: x\nmatrix:\n  transport: [tcp4]\n";
        var a = new Mutator(7, "[]").Mutate(text);
        Assert.Equal(a, new Mutator(7, "[]").Mutate(text));
        Assert.NotEqual(text, a);
    }

    /// <summary>YAML's "billion laughs": nine levels of aliases, each ten times the previous.</summary>
    private static string AliasBomb()
    {
        var lines = new List<string> { "name: bomb", "defaults:", "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (int i = 1; i < 9; i++)
        {
            lines.Add($"  a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        lines.Add("matrix:\n  transport: *a8");
        return string.Join('\n', lines) + "\n";
    }

    private static CaseResult RealCase() =>
        new Runner().RunCase(QuickCases.Short(new Case { Pattern = PatternKind.Rr }), cancellation: TestContext.Current.CancellationToken);
}
