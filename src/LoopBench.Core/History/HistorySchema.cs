using System.Data.Common;

namespace LoopBench.Core.History;

/// <summary>
/// Creates the history tables, and refuses a database written by a newer schema or by another
/// program. One schema for SQLite and PostgreSQL: only the id, figure and JSON column types come
/// from the dialect. Times are ISO 8601 UTC text (text order is time order) on both.
/// </summary>
internal static class HistorySchema
{
    /// <summary>
    /// The tables. runs: one row per recorded run, with host and kernel as columns and the whole
    /// run.json as text (kept byte for byte). cases: one row per case of a run, its resolved
    /// parameters as JSON (json_extract / jsonb), so SQL filters on congestion, buffer sizes… without
    /// parsing the key. case_metrics and repetition_values: the figures.
    /// </summary>
    private static string Create(IHistoryDialect d) => $"""
        CREATE TABLE IF NOT EXISTS runs (
            id {d.AutoIdColumn},
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
        CREATE INDEX IF NOT EXISTS runs_run_id ON runs (run_id);
        CREATE TABLE IF NOT EXISTS cases (
            run BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            case_key TEXT NOT NULL,
            pattern TEXT NOT NULL,
            transport TEXT NOT NULL,
            engine TEXT NOT NULL,
            outcome TEXT NOT NULL,
            parameters {d.JsonColumn} NOT NULL,
            PRIMARY KEY (run, case_key));
        CREATE TABLE IF NOT EXISTS case_metrics (
            run BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            case_key TEXT NOT NULL,
            metric TEXT NOT NULL,
            repetitions INTEGER NOT NULL,
            median {d.DoubleColumn} NOT NULL,
            min {d.DoubleColumn} NOT NULL,
            max {d.DoubleColumn} NOT NULL,
            PRIMARY KEY (run, case_key, metric));
        CREATE INDEX IF NOT EXISTS case_metrics_metric ON case_metrics (metric, case_key);
        CREATE TABLE IF NOT EXISTS repetition_values (
            run BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            case_key TEXT NOT NULL,
            metric TEXT NOT NULL,
            repetition INTEGER NOT NULL,
            value {d.DoubleColumn} NOT NULL);
        CREATE INDEX IF NOT EXISTS repetition_values_run ON repetition_values (run);
        """;

    /// <summary>The columns each table must have; a database whose tables lack them belongs to another program.</summary>
    private static readonly (string Table, string[] Columns)[] Expected =
    [
        ("runs", ["id", "run_id", "label", "host", "started_utc", "recorded_utc", "path", "tool_version", "kernel", "document"]),
        ("cases", ["run", "case_key", "pattern", "transport", "engine", "outcome", "parameters"]),
        ("case_metrics", ["run", "case_key", "metric", "repetitions", "median", "min", "max"]),
        ("repetition_values", ["run", "case_key", "metric", "repetition", "value"]),
    ];

    /// <summary>
    /// Checks that <paramref name="connection"/> holds a LoopBench history of a known version and,
    /// unless <paramref name="readOnly"/>, creates what is missing (in one transaction, so hosts that
    /// open a new PostgreSQL history at once do not race). A read-only open changes nothing: an empty
    /// file stays an empty file. The database's own failures propagate for the dialect to classify.
    /// Returns true when the cases table was just added to an older history (its rows are to be filled).
    /// </summary>
    public static bool Ensure(DbConnection connection, IHistoryDialect dialect, string display, bool readOnly)
    {
        long found = dialect.ReadVersion(connection);
        if (found > HistoryStore.SchemaVersion)
        {
            throw new HistoryException(HistoryProblem.NewerSchema, $"'{display}' has history schema {found}; this build knows up to {HistoryStore.SchemaVersion} (a newer LoopBench wrote it?)");
        }

        var tables = TableNames(connection, dialect);
        if (tables.Count == 0 && readOnly)
        {
            throw new HistoryException(HistoryProblem.Empty, $"'{display}' holds no LoopBench history (an empty database); record a run with 'loopbench history import RUN --label X'");
        }

        if (tables.Count > 0)
        {
            CheckTables(connection, dialect, display, tables);
        }

        if (readOnly)
        {
            return false;
        }

        using var tx = connection.BeginTransaction();
        dialect.Lock(tx, "schema");
        using var create = connection.CreateCommand();
        create.Transaction = tx;
        create.CommandText = Create(dialect) + dialect.WriteVersionSql(HistoryStore.SchemaVersion);
        create.ExecuteNonQuery();
        tx.Commit();
        return tables.Contains("runs", StringComparer.Ordinal) && !tables.Contains("cases", StringComparer.Ordinal);
    }

    private static void CheckTables(DbConnection connection, IHistoryDialect dialect, string display, List<string> tables)
    {
        if (!tables.Contains("runs", StringComparer.Ordinal))
        {
            throw Foreign(dialect, display, $"it has no runs table (its tables: {string.Join(", ", tables)})");
        }

        foreach (var (table, columns) in Expected)
        {
            if (!tables.Contains(table, StringComparer.Ordinal))
            {
                continue;
            }

            using var info = connection.CreateCommand();
            info.CommandText = dialect.ColumnNamesSql;
            var parameter = info.CreateParameter();
            parameter.ParameterName = "table";
            parameter.Value = table;
            info.Parameters.Add(parameter);
            var present = ReadNames(info).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var missing = columns.Where(c => !present.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                throw Foreign(dialect, display, $"its {table} table lacks {string.Join(", ", missing)}");
            }
        }
    }

    private static HistoryException Foreign(IHistoryDialect dialect, string display, string why) =>
        new(HistoryProblem.Foreign, $"'{display}' is {dialect.DatabaseWords} but not a LoopBench history: {why}");

    private static List<string> TableNames(DbConnection connection, IHistoryDialect dialect)
    {
        using var command = connection.CreateCommand();
        command.CommandText = dialect.TableNamesSql;
        return ReadNames(command);
    }

    private static List<string> ReadNames(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
