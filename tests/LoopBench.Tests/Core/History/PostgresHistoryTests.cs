using LoopBench.Core.History;
using LoopBench.Core.Results;
using LoopBench.Tests.Core.Results.Export;
using LoopBench.Tests.Fixtures;
using Npgsql;

namespace LoopBench.Tests.Core.History;

/// <summary>
/// The history in a real PostgreSQL server (one throwaway cluster for the class, a database per
/// test): recording, last:LABEL, trends, case parameters in SQL, concurrent hosts and the CLI verbs.
/// </summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class PostgresHistoryTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 60_000)]
    public void Record_ThenLastWithLabelAndTrend_ReadBackWhatWasRecorded()
    {
        string db = server.CreateDatabase();
        HistoryStore.RecordTo(db, ExporterGoldenTests.Fixture(1.0, "20261120T100000Z-aaaaaa"), "main", null);
        using (var store = new HistoryStore(db))
        {
            store.Record(ExporterGoldenTests.Fixture(0.9, "20261121T100000Z-bbbbbb"), "main", "/tmp/x/run.json");
            store.Record(ExporterGoldenTests.Fixture(0.9, "20261121T100000Z-bbbbbb"), "main", "/tmp/x/run.json"); // re-import replaces
            store.Record(ExporterGoldenTests.Fixture(0.5, "20261122T100000Z-cccccc"), "pr-42", null);
        }

        using var reopened = HistoryStore.OpenReadOnly(db);
        var last = reopened.LastWithLabel("main");
        Assert.NotNull(last);
        Assert.Equal(ResultJson.Serialize(ExporterGoldenTests.Fixture(0.9, "20261121T100000Z-bbbbbb")), ResultJson.Serialize(last));
        Assert.Null(reopened.LastWithLabel("nightly"));
        Assert.Equal(3, reopened.Runs().Count);

        var trend = reopened.Trend(MetricIds.ThroughputBitsPerSecond, label: "main");
        Assert.Equal([21.5e9, 21.5e9 * 0.9], trend.Select(p => p.Median));
        Assert.Empty(reopened.Trend(MetricIds.ThroughputBitsPerSecond, caseFilter: "unix-stream"));
        var primary = reopened.PrimaryTrend(host: "bench-1", label: "pr-42");
        Assert.Equal([MetricIds.ThroughputBitsPerSecond, MetricIds.TransactionsPerSecond], primary.Select(p => p.Metric).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public void CaseParameters_HostAndKernel_AreQueryableInSql_WithoutParsingTheKey()
    {
        string db = server.CreateDatabase();
        HistoryStore.RecordTo(db, ExporterGoldenTests.Fixture(1.0, "20261120T100000Z-aaaaaa", kernel: "6.12.0-a"), "main", null);
        HistoryStore.RecordTo(db, ExporterGoldenTests.Fixture(1.0, "20261121T100000Z-bbbbbb", kernel: "6.13.0-b"), "main", null);

        using var connection = new NpgsqlConnection(db);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.kernel, c.parameters ->> 'messageBytes', cm.median
            FROM case_metrics cm
            JOIN cases c ON c.run = cm.run AND c.case_key = cm.case_key
            JOIN runs r ON r.id = cm.run
            WHERE c.parameters ->> 'transport' = 'tcp4' AND c.pattern = 'stream' AND r.host = 'bench-1'
              AND cm.metric = 'throughputBitsPerSecond'
            ORDER BY r.kernel
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<(string Kernel, string Bytes, double Median)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetDouble(2)));
        }

        Assert.Equal([("6.12.0-a", "131072", 21.5e9), ("6.13.0-b", "131072", 21.5e9)], rows);
    }

    [Fact(Timeout = 60_000)]
    public void TheDocumentedMedianPerKernelQuery_FindsTheCubicStreams()
    {
        string db = server.CreateDatabase();
        foreach (var (kernel, congestion, factor) in new[] { ("6.12.0", "cubic", 1.0), ("6.12.0", "cubic", 0.8), ("6.12.0", "bbr", 3.0), ("6.13.0", "cubic", 0.5) })
        {
            var c = new LoopBench.Core.Scenarios.Case { MessageBytes = 65536, DurationMs = 2000, WarmupMs = 500, ClientKnobs = LoopBench.Core.Transports.SocketKnobs.KernelDefault with { CongestionControl = congestion } }.Resolve();
            var result = SyntheticRuns.Case(c, new Dictionary<string, double[]> { [MetricIds.ThroughputBitsPerSecond] = [10e9 * factor, 10e9 * factor, 10e9 * factor] });
            HistoryStore.RecordTo(db, SyntheticRuns.Run($"2026112{(int)(factor * 10) % 10}T1000{kernel[^1]}0Z-{congestion}", [result], SyntheticRuns.Environment(kernel: kernel)), "main", null);
        }

        using var connection = new NpgsqlConnection(db);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.kernel, percentile_cont(0.5) WITHIN GROUP (ORDER BY cm.median) / 1e9 AS gbit_per_s, count(*) AS runs
            FROM case_metrics cm
            JOIN cases c ON c.run = cm.run AND c.case_key = cm.case_key
            JOIN runs r ON r.id = cm.run
            WHERE cm.metric = 'throughputBitsPerSecond'
              AND c.pattern = 'stream'
              AND c.parameters #>> '{clientKnobs,congestionControl}' = 'cubic'
            GROUP BY r.kernel ORDER BY r.kernel;
            """; // docs/history.md, verbatim
        using var reader = command.ExecuteReader();
        var rows = new List<(string Kernel, double Gbit, long Runs)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), Math.Round(reader.GetDouble(1), 6), reader.GetInt64(2)));
        }

        Assert.Equal([("6.12.0", 9.0, 2L), ("6.13.0", 5.0, 1L)], rows);
    }

    [Fact(Timeout = 120_000)]
    public async Task TwoHostsRecordingAtOnce_LoseNoRun()
    {
        string db = server.CreateDatabase();
        await HistoryWriters.RecordConcurrentlyAsync(db, TimeSpan.FromSeconds(90));
        HistoryWriters.AssertEveryRunArrived(db);
    }

    [Fact(Timeout = 60_000)]
    public void Cli_ImportCompareLastLabelExportAndHistory_WorkOnPostgres()
    {
        string db = server.CreateDatabase();
        string uri = $"postgresql://postgres@127.0.0.1:{server.Port}/{db.Split("Database=")[1].Split(';')[0]}";
        string baseline = SyntheticRuns.Write(_dir.Path, ExporterGoldenTests.Fixture(1.0, "20261120T100000Z-aaaaaa"));
        string candidate = SyntheticRuns.Write(_dir.Path, ExporterGoldenTests.Fixture(1.0, "20261121T100000Z-bbbbbb"));
        var import = CliHarness.Run("history", "import", baseline, "--label", "main", "--history", uri);
        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.Contains($"in postgresql://postgres@127.0.0.1:{server.Port}/", import.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, CliHarness.Run("history", "import", candidate, "--label", "pr-1", "--history", db).ExitCode);

        var compare = CliHarness.Run("compare", "last:main", "last:pr-1", "--history", db, "--format", "markdown");
        Assert.True(compare.ExitCode == 0, compare.Stderr);
        Assert.Contains("20261121T100000Z-bbbbbb", compare.Stdout, StringComparison.Ordinal);
        var export = CliHarness.Run("export", "last:main", "--format", "csv", "--history", uri);
        Assert.True(export.ExitCode == 0, export.Stderr);

        var show = CliHarness.Run("history", "--history", db, "--case", "tcp4");
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("throughputBitsPerSecond · tcp4 stream", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("21.500 Gbit/s", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("20261120T100000Z-aaaaaa", CliHarness.Run("history", "runs", "--history", db).Stdout, StringComparison.Ordinal);

        var missing = CliHarness.Run("compare", "last:nightly", candidate, "--history", db);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("has no run labelled 'nightly'", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public void EmptyOrForeignDatabase_IsNamedAsSuch_WhenRead()
    {
        string db = server.CreateDatabase();
        var empty = Assert.Throws<HistoryException>(() => HistoryStore.OpenReadOnly(db));
        Assert.Equal(HistoryProblem.Empty, empty.Problem);

        using (var connection = new NpgsqlConnection(db))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE runs (id INTEGER, name TEXT)";
            command.ExecuteNonQuery();
        }

        var foreign = Assert.Throws<HistoryException>(() => new HistoryStore(db));
        Assert.Equal(HistoryProblem.Foreign, foreign.Problem);
        Assert.Contains("is a PostgreSQL database but not a LoopBench history: its runs table lacks run_id", foreign.Message, StringComparison.Ordinal);
    }
}
