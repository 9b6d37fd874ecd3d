using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using LoopBench.Core.Results;

namespace LoopBench.Core.History;

/// <summary>
/// The SQL that records runs over an open connection: a run's runs, cases, case_metrics and
/// repetition_values rows in one transaction. <see cref="HistoryStore"/> owns the connection and its errors.
/// </summary>
internal sealed class HistoryRunWriter(DbConnection connection, IHistoryDialect dialect)
{
    /// <summary>Records <paramref name="run"/>, replacing an earlier record of its run id and label; returns the row id.</summary>
    public long Record(RunResult run, string? label, string? path)
    {
        using var tx = connection.BeginTransaction();
        dialect.Lock(tx, "run:" + run.RunId); // two hosts replacing the same run id queue here
        HistoryCommands.Execute(tx, "DELETE FROM runs WHERE run_id = @run AND (label = @label OR (label IS NULL AND @label IS NULL))", ("run", run.RunId), ("label", label));
        long id = Convert.ToInt64(HistoryCommands.Scalar(tx, """
            INSERT INTO runs (run_id, label, host, started_utc, recorded_utc, path, tool_version, kernel, document)
            VALUES (@run, @label, @host, @started, @recorded, @path, @tool, @kernel, @doc) RETURNING id
            """,
            ("run", run.RunId), ("label", label), ("host", run.Environment.Hostname), ("started", HistoryColumns.Iso(StartedUtc(run))),
            ("recorded", HistoryColumns.Iso(DateTimeOffset.UtcNow)), ("path", path is null ? null : Path.GetFullPath(path)),
            ("tool", run.Tool?.Version), ("kernel", run.Environment.Kernel), ("doc", ResultJson.Serialize(run))), CultureInfo.InvariantCulture);
        InsertCases(tx, id, run);
        foreach (var c in run.Cases)
        {
            foreach (string metric in RepetitionValues.MetricsOf(c))
            {
                var values = RepetitionValues.Of(c, metric);
                if (values.Count == 0)
                {
                    continue;
                }

                HistoryCommands.Execute(tx, """
                    INSERT INTO case_metrics (run, case_key, metric, repetitions, median, min, max) VALUES (@id, @key, @metric, @n, @median, @min, @max)
                    ON CONFLICT (run, case_key, metric) DO UPDATE SET repetitions = excluded.repetitions, median = excluded.median, min = excluded.min, max = excluded.max
                    """,
                    ("id", id), ("key", c.Key), ("metric", metric), ("n", values.Count), ("median", RepetitionValues.Median(values)), ("min", values.Min()), ("max", values.Max()));
                for (int i = 0; i < values.Count; i++)
                {
                    HistoryCommands.Execute(tx, "INSERT INTO repetition_values (run, case_key, metric, repetition, value) VALUES (@id, @key, @metric, @i, @v)",
                        ("id", id), ("key", c.Key), ("metric", metric), ("i", i), ("v", values[i]));
                }
            }
        }

        tx.Commit();
        return id;
    }

    /// <summary>A history written before the cases table existed gets its rows from the stored documents, once.</summary>
    public void FillCases()
    {
        using var tx = connection.BeginTransaction();
        var documents = new List<(long Id, string Document)>();
        using (var command = HistoryCommands.Command(tx, "SELECT id, document FROM runs", []))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                documents.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        foreach (var (id, document) in documents)
        {
            InsertCases(tx, id, RunFileReader.Parse(document, $"history run row {id}"));
        }

        tx.Commit();
    }

    /// <summary>When the run started: its first repetition, else the time in its id.</summary>
    internal static DateTimeOffset StartedUtc(RunResult run)
    {
        var starts = run.Cases.SelectMany(c => c.Repetitions).Select(r => r.StartedUtc).ToList();
        if (starts.Count > 0)
        {
            return starts.Min();
        }

        return DateTimeOffset.TryParseExact(run.RunId.Split('-')[0], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var fromId) ? fromId : DateTimeOffset.UnixEpoch;
    }

    /// <summary>One cases row per case of <paramref name="run"/>: its parameters as JSON, for SQL that filters on them.</summary>
    private void InsertCases(DbTransaction tx, long id, RunResult run)
    {
        foreach (var c in run.Cases)
        {
            HistoryCommands.Execute(tx, $"""
                INSERT INTO cases (run, case_key, pattern, transport, engine, outcome, parameters)
                VALUES (@id, @key, @pattern, @transport, @engine, @outcome, {dialect.JsonValue("@parameters")})
                ON CONFLICT (run, case_key) DO NOTHING
                """,
                ("id", id), ("key", c.Key), ("pattern", c.Case.Pattern.ToId()), ("transport", c.Case.Transport.ToId()), ("engine", c.Case.Engine.ToId()),
                ("outcome", c.Outcome.ToId()), ("parameters", JsonSerializer.Serialize(c.Case, ResultJson.Options)));
        }
    }
}
