using LoopBench.Core.History;
using LoopBench.Core.Results;
using LoopBench.Tests.Core.Results.Export;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.History;

public sealed class HistoryStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "results", HistoryStore.FileName);

    [Fact]
    public void Record_ThenLastWithLabel_ReturnsTheNewestRunOfThatLabel()
    {
        HistoryStore.RecordTo(Db, ExporterGoldenTests.Fixture(1.0, "20261120T100000Z-aaaaaa"), "main", null); // creates results/
        using (var store = new HistoryStore(Db))
        {
            store.Record(ExporterGoldenTests.Fixture(0.9, "20261121T100000Z-bbbbbb"), "main", "/tmp/x/run.json");
            store.Record(ExporterGoldenTests.Fixture(0.5, "20261122T100000Z-cccccc"), "pr-42", null);
        }

        using var reopened = new HistoryStore(Db);
        var last = reopened.LastWithLabel("main");
        Assert.NotNull(last);
        Assert.Equal("20261121T100000Z-bbbbbb", last.RunId);
        Assert.Equal(ResultJson.Serialize(ExporterGoldenTests.Fixture(0.9, "20261121T100000Z-bbbbbb")), ResultJson.Serialize(last));
        Assert.Null(reopened.LastWithLabel("nightly"));
        Assert.Equal(3, reopened.Runs().Count);
    }

    [Fact]
    public void Trend_ListsEachRunsMedianPerCaseAndHost_OldestFirst()
    {
        using var store = new HistoryStore(Db);
        var dirty = ExporterGoldenTests.Fixture(0.9, "20261121T100000Z-bbbbbb");
        dirty = dirty with { Tool = dirty.Tool with { Commit = "0123456789abcdef0123456789abcdef01234567.dirty" } };
        store.Record(ExporterGoldenTests.Fixture(1.0, "20261120T100000Z-aaaaaa"), "main", null);
        store.Record(ExporterGoldenTests.Fixture(0.9, "20261121T100000Z-bbbbbb"), "main", null);
        store.Record(dirty, "main", null); // re-import replaces
        var trend = store.Trend(MetricIds.ThroughputBitsPerSecond);
        Assert.Equal(2, trend.Count);
        Assert.Equal([null, dirty.Tool.Commit], trend.Select(p => p.Commit)); // which build made each figure
        Assert.Equal(["-", "0123456789ab.dirty"], trend.Select(p => LoopBench.Cli.Commands.HistoryCommand.ShortCommit(p.Commit)));
        Assert.Equal(21.5e9, trend[0].Median);
        Assert.Equal(21.5e9 * 0.9, trend[1].Median, 1);
        Assert.All(trend, p => Assert.Equal("bench-1", p.Host));
        Assert.Equal(3, trend[0].Repetitions);
        Assert.Empty(store.Trend(MetricIds.ThroughputBitsPerSecond, caseFilter: "unix-stream"));
        Assert.Empty(store.Trend(MetricIds.ThroughputBitsPerSecond, host: "elsewhere"));
    }

    [Fact]
    public void Cli_ImportThenCompareLastLabel_AndShowTheTrend()
    {
        string baseline = SyntheticRuns.Write(_dir.Path, ExporterGoldenTests.Fixture(1.0, "20261120T100000Z-aaaaaa"));
        string candidate = SyntheticRuns.Write(_dir.Path, ExporterGoldenTests.Fixture(1.0, "20261121T100000Z-bbbbbb"));
        var (code, stdout, stderr) = CliHarness.Run("history", "import", Path.GetDirectoryName(baseline)!, "--label", "main", "--history", Db);
        Assert.True(code == 0, stderr);
        Assert.Contains("recorded 20261120T100000Z-aaaaaa", stdout, StringComparison.Ordinal);
        Assert.Equal(0, CliHarness.Run("history", "import", candidate, "--label", "main", "--history", Db).ExitCode);

        var compare = CliHarness.Run("compare", "last:main", candidate, "--history", Db);
        Assert.Contains("20261121T100000Z-bbbbbb", CliHarness.Run("compare", "last:main", candidate, "--history", Db, "--format", "markdown").Stdout, StringComparison.Ordinal);
        Assert.True(compare.ExitCode == 0, compare.Stderr);

        var show = CliHarness.Run("history", "--history", Db, "--case", "tcp4");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("throughputBitsPerSecond · tcp4 stream", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("21.500 Gbit/s", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("0.0%", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("20261120T100000Z-aaaaaa", CliHarness.Run("history", "runs", "--history", Db).Stdout, StringComparison.Ordinal);

        Assert.Equal(2, CliHarness.Run("history", "import", Path.Combine(_dir.Path, "missing.json"), "--history", Db).ExitCode);
        Assert.Equal(2, CliHarness.Run("compare", "last:nightly", candidate, "--history", Db).ExitCode);
        Assert.Equal(2, CliHarness.Run("history", "frobnicate", "--history", Db).ExitCode);
    }
}
