using System.Text.Json;
using LoopBench.Core.Comparison;
using LoopBench.Core.Results;
using LoopBench.Core.Results.Export;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Results.Export;

/// <summary>Exporters and the Markdown report against golden files, in invariant, German and Russian cultures.</summary>
public sealed class ExporterGoldenTests
{
    public static TheoryData<string> Cultures => ["", "de-DE", "ru-RU"];

    /// <summary>Two cases, three repetitions each, fixed figures; one metric id this build does not know.</summary>
    internal static RunResult Fixture(double factor = 1.0, string runId = "20261123T100000Z-abcdef", string kernel = "6.1.0-test")
    {
        var stream = SyntheticRuns.Case(SyntheticRuns.StreamCase(127), new Dictionary<string, double[]>
        {
            [MetricIds.ThroughputBitsPerSecond] = [21.5e9 * factor, 22.25e9 * factor, 20.75e9 * factor],
            [MetricIds.MessagesPerSecond] = [164_000.5 * factor, 169_750 * factor, 158_250.25 * factor],
            [MetricIds.Bytes] = [5_375_000_000, 5_562_500_000, 5_187_500_000],
            ["futureMetricPerSecond"] = [1.5, 1.25, 1.75],
        });
        var rr = SyntheticRuns.Case(SyntheticRuns.RrCase(0), new Dictionary<string, double[]>
        {
            [MetricIds.TransactionsPerSecond] = [75_300.5, 74_900, 76_100.25],
            [MetricIds.RttP50Ns] = [13_200, 13_350.5, 13_100],
            [MetricIds.RttP99Ns] = [21_000, 22_500, 20_250],
        });
        return SyntheticRuns.Run(runId, [stream, rr], SyntheticRuns.Environment(kernel: kernel));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Csv(string culture)
    {
        using var scope = new CultureScope(culture);
        Golden.Assert(CsvExporter.Write(Fixture()), "export.csv");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void GithubActionBenchmark_BiggerAndSmaller(string culture)
    {
        using var scope = new CultureScope(culture);
        Golden.Assert(GithubActionBenchmarkExporter.Write(Fixture(), BetterDirection.Higher), "export-gab-bigger.json");
        Golden.Assert(GithubActionBenchmarkExporter.Write(Fixture(), BetterDirection.Lower), "export-gab-smaller.json");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Bencher(string culture)
    {
        using var scope = new CultureScope(culture);
        Golden.Assert(BencherExporter.Write(Fixture()), "export-bencher.json");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void OpenMetrics(string culture)
    {
        using var scope = new CultureScope(culture);
        var run = Fixture();
        Golden.Assert(OpenMetricsExporter.Write(run with { Tool = run.Tool with { Commit = "9e1e00f0d0c0ffee0000000000000000deadbeef.dirty" } }), "export-openmetrics.txt");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void CompareMarkdown(string culture)
    {
        using var scope = new CultureScope(culture);
        Golden.Assert(MarkdownReportWriter.Write(CompareFixture()), "compare.md");
        var small = CaseComparer.Compare(Fixture(), Fixture(0.8, "20261124T100000Z-123456", "6.12.0"), new ComparisonOptions());
        Golden.Assert(MarkdownReportWriter.Write(small), "compare-3v3.md");
    }

    /// <summary>Eight repetitions a side: one regression, one improvement, no-change and an inconclusive tail.</summary>
    internal static ComparisonReport CompareFixture()
    {
        RunResult Make(string runId, string kernel, double throughput, double p50, int seed)
        {
            var random = new Random(seed);
            var stream = SyntheticRuns.Case(SyntheticRuns.StreamCase(127), new Dictionary<string, double[]>
            {
                [MetricIds.ThroughputBitsPerSecond] = SyntheticRuns.Noisy(random, 8, 21.5e9 * throughput, 0.01),
                [MetricIds.MessagesPerSecond] = SyntheticRuns.Noisy(random, 8, 164_000, 0.01),
            });
            var rr = SyntheticRuns.Case(SyntheticRuns.RrCase(0), new Dictionary<string, double[]>
            {
                [MetricIds.TransactionsPerSecond] = SyntheticRuns.Noisy(random, 8, 75_300, 0.01),
                [MetricIds.RttP50Ns] = SyntheticRuns.Noisy(random, 8, 13_200 * p50, 0.01),
                [MetricIds.RttP99Ns] = SyntheticRuns.Noisy(random, 8, 21_000, 0.25),
            });
            return SyntheticRuns.Run(runId, [stream, rr], SyntheticRuns.Environment(kernel: kernel));
        }

        return CaseComparer.Compare(Make("20261123T100000Z-abcdef", "6.1.0-test", 1.0, 1.0, 12345), Make("20261124T100000Z-123456", "6.12.0", 0.85, 0.8, 54321), new ComparisonOptions());
    }

    [Fact]
    public void JsonExports_Parse_AndOpenMetricsFollowsTheTextFormat()
    {
        using var bencher = JsonDocument.Parse(BencherExporter.Write(Fixture()));
        var measure = bencher.RootElement.GetProperty(SyntheticRuns.StreamCase(127).Key).GetProperty("throughput-bits-per-second");
        Assert.Equal(21.5e9, measure.GetProperty("value").GetDouble());
        Assert.Equal(20.75e9, measure.GetProperty("lower_value").GetDouble());

        using var gab = JsonDocument.Parse(GithubActionBenchmarkExporter.Write(Fixture(), BetterDirection.Lower));
        Assert.All(gab.RootElement.EnumerateArray(), e => Assert.Equal("ns", e.GetProperty("unit").GetString()));

        string[] lines = OpenMetricsExporter.Write(Fixture()).TrimEnd('\n').Split('\n');
        Assert.Equal("# EOF", lines[^1]);
        Assert.All(lines.Where(l => !l.StartsWith('#')), l => Assert.Matches("^[a-z_:][a-z0-9_:]*\\{([a-z_][a-z0-9_]*=\"[^\"]*\",?)*\\} [-+0-9.eE]+$", l));
        Assert.Contains(lines, l => l.StartsWith("loopbench_rtt_p99_seconds{", StringComparison.Ordinal) && l.EndsWith(" 2.1E-05", StringComparison.Ordinal));
    }
}
