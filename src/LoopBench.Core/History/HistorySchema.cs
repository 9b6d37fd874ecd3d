using Microsoft.Data.Sqlite;

namespace LoopBench.Core.History;

/// <summary>Creates the history tables, and refuses a file written by a newer schema or by another program.</summary>
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

    /// <summary>The columns each table must have; a file whose tables lack them belongs to another program.</summary>
    private static readonly (string Table, string[] Columns)[] Expected =
    [
        ("runs", ["id", "run_id", "label", "host", "started_utc", "recorded_utc", "path", "tool_version", "kernel", "document"]),
        ("case_metrics", ["run", "case_key", "metric", "repetitions", "median", "min", "max"]),
        ("repetition_values", ["run", "case_key", "metric", "repetition", "value"]),
    ];

    /// <summary>
    /// Checks that <paramref name="connection"/> holds a LoopBench history of a known version and,
    /// unless <paramref name="readOnly"/>, creates what is missing. A read-only open changes
    /// nothing: an empty file stays an empty file. SQLite's own failures propagate for
    /// <see cref="HistoryFile.Classify"/>.
    /// </summary>
    public static void Ensure(SqliteConnection connection, string path, bool readOnly)
    {
        long found = (long)Scalar(connection, "PRAGMA user_version")!;
        if (found > HistoryStore.SchemaVersion)
        {
            throw new HistoryException(HistoryProblem.NewerSchema, $"'{path}' has history schema {found}; this build knows up to {HistoryStore.SchemaVersion} (a newer LoopBench wrote it?)");
        }

        var tables = TableNames(connection);
        if (tables.Count == 0 && readOnly)
        {
            throw new HistoryException(HistoryProblem.Empty, $"'{path}' holds no LoopBench history (an empty database); record a run with 'loopbench history import RUN --label X'");
        }

        if (tables.Count > 0)
        {
            CheckTables(connection, path, tables);
        }

        if (!readOnly)
        {
            using var create = connection.CreateCommand();
            create.CommandText = Create + $"PRAGMA user_version = {HistoryStore.SchemaVersion};";
            create.ExecuteNonQuery();
        }
    }

    private static void CheckTables(SqliteConnection connection, string path, List<string> tables)
    {
        if (!tables.Contains("runs", StringComparer.Ordinal))
        {
            throw Foreign(path, $"it has no runs table (its tables: {string.Join(", ", tables)})");
        }

        foreach (var (table, columns) in Expected)
        {
            if (!tables.Contains(table, StringComparer.Ordinal))
            {
                continue;
            }

            var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using var info = connection.CreateCommand();
            info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
            using (var reader = info.ExecuteReader())
            {
                while (reader.Read())
                {
                    present.Add(reader.GetString(0));
                }
            }

            var missing = columns.Where(c => !present.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                throw Foreign(path, $"its {table} table lacks {string.Join(", ", missing)}");
            }
        }
    }

    private static HistoryException Foreign(string path, string why) =>
        new(HistoryProblem.Foreign, $"'{path}' is an SQLite database but not a LoopBench history: {why}");

    private static List<string> TableNames(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
