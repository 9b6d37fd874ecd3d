using LoopBench.Cli.Terminal;
using LoopBench.Core.History;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Results;

/// <summary>rr-like cases show p50, p99 and p99.9 (medians over repetitions) beside transactions/s; history shows each case's primary metric.</summary>
public sealed class LatencySummaryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SummaryMd_RrRow_CarriesThePercentileMedians_BesideTransactionsPerSecond()
    {
        string md = RunSummary.Render(LatencyRuns.Run());

        Assert.Contains("| CV % | p50 µs | p99 µs | p99.9 µs | flags |", md, StringComparison.Ordinal);
        string row = Row(md, LatencyRuns.Full().Key);
        Assert.Contains("| transactionsPerSecond | 51000 |", row, StringComparison.Ordinal);
        Assert.Contains("| 12.34 | 45.67 | 98.76 |", row, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryMd_MissingP999_IsADash_NotZero()
    {
        string row = Row(RunSummary.Render(LatencyRuns.Run()), LatencyRuns.WithoutP999().Key);

        Assert.Contains("| 21.00 | 61.00 | – |", row, StringComparison.Ordinal);
        Assert.DoesNotContain("| 0.00 |", row, StringComparison.Ordinal);
        Assert.DoesNotContain("| 0 |", row, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryMd_StreamRow_LeavesTheLatencyCellsEmpty()
    {
        string row = Row(RunSummary.Render(LatencyRuns.Run()), LatencyRuns.Stream().Key);

        Assert.Contains("| throughputBitsPerSecond (Gbit/s) | 21.500 |", row, StringComparison.Ordinal);
        Assert.Matches(@"\| [0-9.]+ \|  \|  \|  \| [^|]*\|$", row);
    }

    [Fact]
    public void QuickSummary_OverRepetitions_PrintsThePercentileMedians()
    {
        string text = SummaryTable.Render(LatencyRuns.Full());

        Assert.Contains("latency  medians over 3 repetitions: p50 12.34 µs, p99 45.67 µs, p99.9 98.76 µs\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void QuickSummary_MissingP999_IsADash_NotZero()
    {
        string text = SummaryTable.Render(LatencyRuns.WithoutP999());

        Assert.Contains("latency  medians over 3 repetitions: p50 21.00 µs, p99 61.00 µs, p99.9 – µs\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void QuickSummary_OfAStream_HasNoLatencyLine()
    {
        Assert.DoesNotContain("latency  medians", SummaryTable.Render(LatencyRuns.Stream()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // documents that name no primary metric: the pattern's declared one
    public void History_ShowsTransactionsPerSecond_ForRrCases_AndThroughputForStreams(bool recordPrimary)
    {
        string db = Path.Combine(_dir.Path, "history.db");
        HistoryStore.RecordTo(db, LatencyRuns.Run(recordPrimary), "main", null);

        var (code, stdout, stderr) = CliHarness.Run("history", "--history", db);

        Assert.True(code == 0, stderr);
        string rr = LatencyRuns.Full().Key, stream = LatencyRuns.Stream().Key;
        Assert.Contains($"transactionsPerSecond · {rr} · host bench-1", stdout, StringComparison.Ordinal);
        Assert.Contains("51.00k/s", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain($"throughputBitsPerSecond · {rr} ·", stdout, StringComparison.Ordinal);
        Assert.Contains($"throughputBitsPerSecond · {stream} · host bench-1", stdout, StringComparison.Ordinal);
        Assert.Contains("21.500 Gbit/s", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain($"transactionsPerSecond · {stream} ·", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("messagesPerSecond", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void History_WithMetric_ShowsThatMetricForEveryCase()
    {
        string db = Path.Combine(_dir.Path, "history.db");
        HistoryStore.RecordTo(db, LatencyRuns.Run(), "main", null);

        var (code, stdout, stderr) = CliHarness.Run("history", "--history", db, "--metric", "throughputBitsPerSecond");

        Assert.True(code == 0, stderr);
        Assert.Contains($"throughputBitsPerSecond · {LatencyRuns.Full().Key} ·", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("transactionsPerSecond", stdout, StringComparison.Ordinal);
    }

    private static string Row(string md, string key) =>
        md.Split('\n').Single(l => l.StartsWith($"| `{key}` |", StringComparison.Ordinal));
}
