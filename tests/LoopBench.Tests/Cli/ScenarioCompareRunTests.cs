using System.Text.Json;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

/// <summary>A real short run of a scenario with a compare: block: summary.md and report.html carry the A/B.</summary>
public sealed class ScenarioCompareRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lb-ab-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact(Timeout = 60_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void CongestionAxis_CubicAgainstReno_SummaryHasTheVerdictTable()
    {
        var (dir, stdout, summary) = RunScenario("cc-ab", "repetitions: 2\ndefaults:\n  transport: tcp4\n  time: 300ms\n  warmup: 100ms\nmatrix:\n  congestion: [cubic, reno]");
        Assert.Contains("## A/B: congestion (baseline cubic)", summary, StringComparison.Ordinal);
        Assert.Contains("| pair | case | metric | baseline | candidate | shift | interval | verdict | all metrics |", summary, StringComparison.Ordinal);
        Assert.Contains("| congestion: cubic → reno | `tcp4 stream", summary, StringComparison.Ordinal);
        Assert.Contains("congestion: cubic → reno", stdout, StringComparison.Ordinal);
        string report = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("A/B: congestion (baseline cubic)", report, StringComparison.Ordinal);
        Assert.DoesNotContain("A/B chart not drawn", report, StringComparison.Ordinal);
    }

    /// <summary>
    /// The A/B inside one run, end to end: a single cubic stream moves about twice what bbr's
    /// pacing lets through on this kernel's loopback, so with 12 repetitions a side (interleaved in
    /// rounds) the scenario's verdict is a regression, in summary.md, in report.html and from
    /// <c>compare RUN --axis</c>, and the other way round an improvement.
    /// </summary>
    [Fact(Timeout = 180_000)]
    [Trait(Traits.Category, Traits.Slow)]
    public void CongestionAxis_CubicAgainstBbr_RealRun_VerdictIsARegressionOneWayAndAnImprovementTheOther()
    {
        var (dir, _, summary) = RunScenario("cc-bbr", "repetitions: 12\ndefaults:\n  transport: tcp4\n  length: 128K\n  time: 250ms\n  warmup: 100ms\nmatrix:\n  congestion: [cubic, bbr]");
        string row = Assert.Single(summary.Split('\n'), l => l.StartsWith("| congestion: cubic → bbr |", StringComparison.Ordinal));
        Assert.Contains("regression", row, StringComparison.Ordinal);
        Assert.Contains("regression", File.ReadAllText(Path.Combine(dir, "report.html")), StringComparison.Ordinal);

        string run = Path.Combine(dir, ResultStore.RunFile);
        var (worse, table, worseErr) = CliHarness.Run("compare", run, "--axis", "congestion=cubic");
        Assert.True(worse == 3, $"cubic → bbr: exit {worse}; {worseErr}\n{table}");
        var (better, json, betterErr) = CliHarness.Run("compare", run, "--axis", "congestion=bbr", "--format", "json");
        Assert.True(better == 0, $"bbr → cubic: exit {better}; {betterErr}\n{json}");
        using var doc = JsonDocument.Parse(json);
        var pair = Assert.Single(Assert.Single(doc.RootElement.EnumerateArray()).GetProperty("cases").EnumerateArray());
        var throughput = pair.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == MetricIds.ThroughputBitsPerSecond);
        Assert.Equal("improvement", throughput.GetProperty("verdict").GetString());
    }

    /// <summary>Runs a scenario with a congestion compare: block (cubic baseline); returns its directory, stdout and summary.md.</summary>
    private (string Dir, string Stdout, string Summary) RunScenario(string name, string body)
    {
        string path = Path.Combine(_dir, name + ".yaml");
        File.WriteAllText(path, $"name: {name}\n{body}\ncompare:\n  axis: congestion\n  baseline: cubic\n");
        string results = Path.Combine(_dir, "results-" + name);

        var (code, stdout, stderr) = CliHarness.Run("run", path, "--out", results, "--seed", "7");

        Assert.True(code == 0, stderr);
        string dir = Assert.Single(Directory.GetDirectories(results));
        return (dir, stdout, File.ReadAllText(Path.Combine(dir, ResultStore.SummaryFile)));
    }
}
