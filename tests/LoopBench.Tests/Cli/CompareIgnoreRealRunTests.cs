using System.Text.Json;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

/// <summary>
/// compare --ignore on two real runs that differ only in one parameter, the write size: 2 KiB writes
/// move about a third of what 128 KiB writes move over loopback, an effect the suite's own load cannot
/// hide (cubic against bbr differs by only 15-50 % depending on the host), so the verdict is a
/// regression from 128K to 2K and an improvement back. Rounds interleave the two settings so that the
/// suite's own load hits both alike.
/// </summary>
[Trait(Traits.Category, Traits.Slow)]
public sealed class CompareIgnoreRealRunTests : IDisposable
{
    private const int Rounds = 8;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact(Timeout = 180_000)]
    public void LargeAgainstSmallWrites_PairedWithIgnore_IsARegressionOneWayAndAnImprovementTheOther()
    {
        var large = new List<RunResult>();
        var small = new List<RunResult>();
        for (int round = 0; round < Rounds; round++)
        {
            large.Add(QuickRunSet.Quick(Args("128K")));
            small.Add(QuickRunSet.Quick(Args("2K")));
        }

        string a = SyntheticRuns.Write(_temp.Path, QuickRunSet.Combine("len-large", large));
        string b = SyntheticRuns.Write(_temp.Path, QuickRunSet.Combine("len-small", small));

        var (unpaired, _, unpairedErr) = CliHarness.Run("compare", a, b);
        Assert.True(unpaired == 2, $"without --ignore the runs share no case; exit {unpaired}: {unpairedErr}");

        var (worse, worseJson, worseErr) = CliHarness.Run("compare", a, b, "--ignore", "length", "--alpha", "0.01", "--format", "json");
        Assert.True(worse == 3, $"128K → 2K: exit {worse}; {worseErr}\n{worseJson}");
        Assert.Equal("regression", Throughput(worseJson, out string differs));
        Assert.Equal("len: 131072 → 2048", differs);

        var (better, betterJson, betterErr) = CliHarness.Run("compare", b, a, "--ignore", "length", "--alpha", "0.01", "--format", "json");
        // Larger writes are fewer messages: messages/s regresses as throughput improves, so the exit says regression.
        Assert.True(better == 3, $"2K → 128K: exit {better}; {betterErr}\n{betterJson}");
        Assert.Equal("improvement", Throughput(betterJson, out _));
    }

    private static string[] Args(string length) =>
        ["--transport", "tcp4", "-l", length, "-t", "250ms", "--warmup", "100ms"];

    private static string Throughput(string json, out string differences)
    {
        using var doc = JsonDocument.Parse(json);
        var c = Assert.Single(doc.RootElement.GetProperty("cases").EnumerateArray());
        differences = c.GetProperty("differences").GetString()!;
        var metric = c.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == MetricIds.ThroughputBitsPerSecond);
        return metric.GetProperty("verdict").GetString()!;
    }
}
