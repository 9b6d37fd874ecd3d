using System.Text.Json;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

/// <summary>
/// compare --ignore congestion on two real runs that differ only in congestion control: on this
/// kernel's loopback a single cubic stream moves about twice what bbr's pacing lets through, so the
/// verdict is a regression from cubic to bbr and an improvement back. Rounds interleave the two
/// settings so that the suite's own load hits both alike.
/// </summary>
[Trait(Traits.Category, Traits.Slow)]
public sealed class CompareIgnoreRealRunTests : IDisposable
{
    private const int Rounds = 8;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact(Timeout = 180_000)]
    public void CubicAgainstBbr_PairedWithIgnore_IsARegressionOneWayAndAnImprovementTheOther()
    {
        var cubic = new List<RunResult>();
        var bbr = new List<RunResult>();
        for (int round = 0; round < Rounds; round++)
        {
            cubic.Add(QuickRunSet.Quick(Args("cubic")));
            bbr.Add(QuickRunSet.Quick(Args("bbr")));
        }

        string a = SyntheticRuns.Write(_temp.Path, QuickRunSet.Combine("cc-cubic", cubic));
        string b = SyntheticRuns.Write(_temp.Path, QuickRunSet.Combine("cc-bbr", bbr));

        var (unpaired, _, unpairedErr) = CliHarness.Run("compare", a, b);
        Assert.True(unpaired == 2, $"without --ignore the runs share no case; exit {unpaired}: {unpairedErr}");

        var (worse, worseJson, worseErr) = CliHarness.Run("compare", a, b, "--ignore", "congestion", "--alpha", "0.01", "--format", "json");
        Assert.True(worse == 3, $"cubic → bbr: exit {worse}; {worseErr}\n{worseJson}");
        Assert.Equal("regression", Throughput(worseJson, out string differs));
        Assert.Equal("congestion: cubic → bbr", differs);

        var (better, betterJson, betterErr) = CliHarness.Run("compare", b, a, "--ignore", "congestion", "--alpha", "0.01", "--format", "json");
        Assert.True(better == 0, $"bbr → cubic: exit {better}; {betterErr}\n{betterJson}");
        Assert.Equal("improvement", Throughput(betterJson, out _));
    }

    private static string[] Args(string congestion) =>
        ["--transport", "tcp4", "-l", "128K", "-C", congestion, "-t", "250ms", "--warmup", "100ms"];

    private static string Throughput(string json, out string differences)
    {
        using var doc = JsonDocument.Parse(json);
        var c = Assert.Single(doc.RootElement.GetProperty("cases").EnumerateArray());
        differences = c.GetProperty("differences").GetString()!;
        var metric = c.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == MetricIds.ThroughputBitsPerSecond);
        return metric.GetProperty("verdict").GetString()!;
    }
}
