using LoopBench.Core.History;
using LoopBench.Tests.Core.Results.Export;
using LoopBench.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace LoopBench.Tests.Core.History;

/// <summary>Concurrent writers, a held lock and case parameters in SQL on the SQLite history.</summary>
public sealed class SqliteHistoryConcurrencyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, HistoryStore.FileName);

    [Fact(Timeout = 120_000)]
    public async Task TwoWritersAtOnce_LoseNoRun()
    {
        await HistoryWriters.RecordConcurrentlyAsync(Db, TimeSpan.FromSeconds(90));
        HistoryWriters.AssertEveryRunArrived(Db);
    }

    [Fact(Timeout = 60_000)]
    public void AnExclusiveLockFromAnotherConnection_IsRetriedThenReportedAsLocked()
    {
        HistoryStore.RecordTo(Db, ExporterGoldenTests.Fixture(1.0, "20261120T100000Z-aaaaaa"), "main", null);
        using var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString());
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<HistoryException>(() => new HistoryStore(Db, readOnly: true, TimeSpan.FromSeconds(1)));

        Assert.Equal(HistoryProblem.Locked, ex.Problem);
        Assert.Equal($"'{Db}' is locked by another process; retried for 1 s; try again when it has finished", ex.Message);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"gave up after {watch.Elapsed}, before the busy timeout");
    }

    [Fact(Timeout = 60_000)]
    public void CaseParameters_AreQueryableWithJsonExtract()
    {
        HistoryStore.RecordTo(Db, ExporterGoldenTests.Fixture(1.0, "20261120T100000Z-aaaaaa", kernel: "6.12.0-a"), "main", null);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.kernel, json_extract(c.parameters, '$.transport'), cm.median
            FROM case_metrics cm
            JOIN cases c ON c.run = cm.run AND c.case_key = cm.case_key
            JOIN runs r ON r.id = cm.run
            WHERE json_extract(c.parameters, '$.messageBytes') = 131072 AND cm.metric = 'throughputBitsPerSecond'
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(("6.12.0-a", "tcp4", 21.5e9), (reader.GetString(0), reader.GetString(1), reader.GetDouble(2)));
        Assert.False(reader.Read());
    }

    [Fact(Timeout = 60_000)]
    public void AHistoryWithoutTheCasesTable_GetsItFilledFromTheDocuments_WhenOpenedToRecord()
    {
        HistoryStore.RecordTo(Db, ExporterGoldenTests.Fixture(1.0, "20261120T100000Z-aaaaaa"), "main", null);
        Execute("DROP TABLE cases");
        using (var store = new HistoryStore(Db))
        {
            Assert.Single(store.Runs());
        }

        Assert.Equal(2L, Execute("SELECT count(*) FROM cases"));
    }

    private object? Execute(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
