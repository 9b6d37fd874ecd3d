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
        string path = Path.Combine(_dir, "cc-ab.yaml");
        File.WriteAllText(path, "name: cc-ab\nrepetitions: 2\ndefaults:\n  transport: tcp4\n  time: 300ms\n  warmup: 100ms\nmatrix:\n  congestion: [cubic, reno]\ncompare:\n  axis: congestion\n  baseline: cubic\n");
        string results = Path.Combine(_dir, "results");

        var (code, stdout, stderr) = CliHarness.Run("run", path, "--out", results, "--seed", "7");

        Assert.True(code == 0, stderr);
        string dir = Assert.Single(Directory.GetDirectories(results));
        string summary = File.ReadAllText(Path.Combine(dir, ResultStore.SummaryFile));
        Assert.Contains("## A/B: congestion (baseline cubic)", summary, StringComparison.Ordinal);
        Assert.Contains("| pair | case | metric | baseline | candidate | shift | interval | verdict | all metrics |", summary, StringComparison.Ordinal);
        Assert.Contains("| congestion: cubic → reno | `tcp4 stream", summary, StringComparison.Ordinal);
        Assert.Contains("congestion: cubic → reno", stdout, StringComparison.Ordinal);
        string report = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("A/B: congestion (baseline cubic)", report, StringComparison.Ordinal);
        Assert.DoesNotContain("A/B chart not drawn", report, StringComparison.Ordinal);
    }
}
