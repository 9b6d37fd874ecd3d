using Microsoft.Data.Sqlite;

namespace LoopBench.Core.History;

/// <summary>Creates the history tables, and refuses a file written by a newer schema.</summary>
internal static class HistorySchema
{
    private const string Create = """
        PRAGMA foreign_keys = ON;
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY,
            run_id TEXT NOT NULL,
            label TEXT,
            host TEXT NOT NULL,
            started_utc TEXT NOT NULL,
            recorded_utc TEXT NOT NULL,
            path TEXT,
            tool_version TEXT,
            kernel TEXT,
            document TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS runs_label ON runs (label, started_utc);
        CREATE TABLE IF NOT EXISTS case_metrics (
            run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            case_key TEXT NOT NULL,
            metric TEXT NOT NULL,
            repetitions INTEGER NOT NULL,
            median REAL NOT NULL,
            min REAL NOT NULL,
            max REAL NOT NULL,
            PRIMARY KEY (run, case_key, metric));
        CREATE INDEX IF NOT EXISTS case_metrics_metric ON case_metrics (metric, case_key);
        CREATE TABLE IF NOT EXISTS repetition_values (
            run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            case_key TEXT NOT NULL,
            metric TEXT NOT NULL,
            repetition INTEGER NOT NULL,
            value REAL NOT NULL);
        """;

    public static void Ensure(SqliteConnection connection, string path)
    {
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        long found;
        try
        {
            found = (long)version.ExecuteScalar()!;
        }
        catch (SqliteException ex)
        {
            throw new InvalidDataException($"'{path}' is not a LoopBench history (SQLite): {ex.Message}", ex);
        }

        if (found > HistoryStore.SchemaVersion)
        {
            throw new InvalidDataException($"'{path}' has history schema {found}; this build knows up to {HistoryStore.SchemaVersion}");
        }

        using var create = connection.CreateCommand();
        create.CommandText = Create + $"PRAGMA user_version = {HistoryStore.SchemaVersion};";
        create.ExecuteNonQuery();
    }
}
