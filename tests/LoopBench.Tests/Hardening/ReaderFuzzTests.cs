using System.Diagnostics;
using LoopBench.Cli.Terminal;
using LoopBench.Core.Comparison;
using LoopBench.Core.Results;
using LoopBench.Core.Results.Export;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;
using LoopBench.Plotting.Charts;
using LoopBench.Plotting.Report;
using LoopBench.Tests.Core.Results.Export;
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

    [Trait(Traits.Category, Traits.Loopback)] // measures a real rr case to mutate
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

    /// <summary>
    /// Valid JSON of the wrong shape (a value of another type or range, or removed) must be refused
    /// by the reader or be a run that compare and every exporter take: what the CLI maps to exit 2
    /// (a run-file, comparison-input or chart-data error) is the only failure allowed.
    /// </summary>
    [Trait(Traits.Category, Traits.Loopback)] // measures a real rr case to mutate
    [Fact(Timeout = 120_000)]
    public void RunDocuments_WithAValueOfTheWrongShape_AreRefusedOrReadByEveryConsumer()
    {
        var real = SyntheticRuns.Run("fuzz", [RealCase(), .. ExporterGoldenTests.Fixture().Cases]);
        var baseline = ExporterGoldenTests.Fixture();
        string seed = ResultJson.Serialize(real);
        var mutator = new JsonMutator(Seed);
        var inputs = Enumerable.Range(0, 1500).Select(_ => mutator.Mutate(seed)).ToList();
        int read = 0;

        var failures = FuzzHarness.Run<RunFileException>(inputs, json =>
        {
            var run = RunFileReader.Parse(json, "fuzz.json");
            read++;
            try
            {
                Consume(baseline, run, withReport: read % 50 == 0);
            }
            catch (Exception ex) when (ex is ComparisonInputException or ChartDataException)
            {
                throw new RunFileException(ex.Message, ex); // exit 2 in the CLI, like a run-file error
            }
        });

        Assert.True(failures.Count == 0, $"{failures.Count} failures; " + string.Join(Environment.NewLine, failures.Distinct().Take(20)));
        Assert.InRange(read, 1, inputs.Count - 1); // some mutations are harmless, most are not
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

    /// <summary>What compare, report and export do with a run once it is read.</summary>
    private static void Consume(RunResult baseline, RunResult run, bool withReport)
    {
        var options = new ComparisonOptions { AllowEnvironmentDiff = true };
        var forward = CaseComparer.Compare(baseline, run, options);
        var backward = CaseComparer.Compare(run, baseline, options);
        _ = MarkdownReportWriter.Write(forward) + JsonReportWriter.Write(backward) + JunitReportWriter.Write(forward) + ComparisonTable.Render(backward, color: false);
        _ = CsvExporter.Write(run) + GithubActionBenchmarkExporter.Write(run, BetterDirection.Higher) + BencherExporter.Write(run) + OpenMetricsExporter.Write(run);
        if (withReport)
        {
            _ = RunReport.Build(run, forward);
        }
    }

    private static CaseResult RealCase() =>
        new Runner().RunCase(QuickCases.Short(new Case { Pattern = PatternKind.Rr }), cancellation: TestContext.Current.CancellationToken);
}
