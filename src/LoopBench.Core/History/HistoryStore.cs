using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using LoopBench.Core.Results;

namespace LoopBench.Core.History;

/// <summary>
/// The history of past runs, in an SQLite file beside the results (results/history.db) or in a
/// PostgreSQL database that many hosts share: each run with its label, host, kernel and document,
/// each case with its parameters as JSON, and per case and metric the median and every repetition's
/// figure, so a metric's trend per case key and per host is one query. `loopbench run` records
/// each run here; `loopbench history import` records an existing run.json. The SQL is written once;
/// an <see cref="IHistoryDialect"/> holds what differs between the two databases.
/// </summary>
internal sealed class HistoryStore : IDisposable
{
    /// <summary>The file name inside a results directory.</summary>
    public const string FileName = "history.db";

    /// <summary>Schema version (SQLite: PRAGMA user_version; PostgreSQL: the loopbench_meta table).</summary>
    public const int SchemaVersion = 1;

    /// <summary>
    /// How long a locked file is retried (Microsoft.Data.Sqlite retries busy commands until their
    /// timeout, 30 s by default) before it is reported as locked: long enough for another run to
    /// finish recording, short enough that a stuck lock is named, not waited out.
    /// </summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private readonly DbConnection _connection;
    private readonly IHistoryDialect _dialect;
    private readonly string _display;
    private readonly TimeSpan _busyTimeout;

    /// <summary>
    /// Opens (creating if needed) the history <paramref name="spec"/> for recording: an SQLite file
    /// path, or a PostgreSQL connection string (<see cref="HistoryTarget.IsPostgres"/>).
    /// </summary>
    public HistoryStore(string spec)
        : this(spec, readOnly: false, BusyTimeout)
    {
    }

    /// <summary>Opens the history with another busy timeout (tests of a locked file wait less).</summary>
    internal HistoryStore(string spec, bool readOnly, TimeSpan busyTimeout)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _dialect = HistoryTarget.IsPostgres(spec) ? PostgresHistoryDialect.Instance : SqliteHistoryDialect.Instance;
        _display = HistoryTarget.Describe(spec);
        _busyTimeout = busyTimeout;
        _dialect.Prepare(spec, readOnly);
        _connection = _dialect.Connect(spec, readOnly, busyTimeout);
        try
        {
            Guard(() =>
            {
                _connection.Open();
                if (HistorySchema.Ensure(_connection, _dialect, _display, readOnly))
                {
                    FillCases();
                }

                return 0;
            });
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing history to read it; nothing in it is created or changed (an empty
    /// file stays empty and is reported as holding no history).
    /// </summary>
    public static HistoryStore OpenReadOnly(string spec) => new(spec, readOnly: true, BusyTimeout);

    /// <summary>The default history file for a results directory.</summary>
    public static string DefaultPath(string resultsDirectory = "results") => Path.Combine(resultsDirectory, FileName);

    /// <summary>
    /// Records <paramref name="run"/> under <paramref name="label"/> (may be null), with the path it was
    /// read from. Recording the same run id and label again replaces the earlier record. Returns the row id.
    /// One transaction: a reader or another host's writer sees the whole run or none of it.
    /// </summary>
    public long Record(RunResult run, string? label, string? path)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Guard(() => RecordCore(run, label, path));
    }

    private long RecordCore(RunResult run, string? label, string? path)
    {
        using var tx = _connection.BeginTransaction();
        _dialect.Lock(tx, "run:" + run.RunId); // two hosts replacing the same run id queue here
        Execute(tx, "DELETE FROM runs WHERE run_id = @run AND (label = @label OR (label IS NULL AND @label IS NULL))", ("run", run.RunId), ("label", label));
        long id = Convert.ToInt64(Scalar(tx, """
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

                Execute(tx, """
                    INSERT INTO case_metrics (run, case_key, metric, repetitions, median, min, max) VALUES (@id, @key, @metric, @n, @median, @min, @max)
                    ON CONFLICT (run, case_key, metric) DO UPDATE SET repetitions = excluded.repetitions, median = excluded.median, min = excluded.min, max = excluded.max
                    """,
                    ("id", id), ("key", c.Key), ("metric", metric), ("n", values.Count), ("median", RepetitionValues.Median(values)), ("min", values.Min()), ("max", values.Max()));
                for (int i = 0; i < values.Count; i++)
                {
                    Execute(tx, "INSERT INTO repetition_values (run, case_key, metric, repetition, value) VALUES (@id, @key, @metric, @i, @v)",
                        ("id", id), ("key", c.Key), ("metric", metric), ("i", i), ("v", values[i]));
                }
            }
        }

        tx.Commit();
        return id;
    }

    /// <summary>One cases row per case of <paramref name="run"/>: its parameters as JSON, for SQL that filters on them.</summary>
    private void InsertCases(DbTransaction tx, long id, RunResult run)
    {
        foreach (var c in run.Cases)
        {
            Execute(tx, $"""
                INSERT INTO cases (run, case_key, pattern, transport, engine, outcome, parameters)
                VALUES (@id, @key, @pattern, @transport, @engine, @outcome, {_dialect.JsonValue("@parameters")})
                ON CONFLICT (run, case_key) DO NOTHING
                """,
                ("id", id), ("key", c.Key), ("pattern", c.Case.Pattern.ToId()), ("transport", c.Case.Transport.ToId()), ("engine", c.Case.Engine.ToId()),
                ("outcome", c.Outcome.ToId()), ("parameters", JsonSerializer.Serialize(c.Case, ResultJson.Options)));
        }
    }

    /// <summary>A history written before the cases table existed gets its rows from the stored documents, once.</summary>
    private void FillCases()
    {
        using var tx = _connection.BeginTransaction();
        var documents = new List<(long Id, string Document)>();
        using (var command = Command(tx, "SELECT id, document FROM runs", []))
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

    /// <summary>
    /// One call for `loopbench run`: opens <paramref name="historyPath"/> (creating it), records
    /// <paramref name="run"/> and closes the file. Returns the row id.
    /// </summary>
    public static long RecordTo(string historyPath, RunResult run, string? label, string? runPath)
    {
        using var store = new HistoryStore(historyPath);
        return store.Record(run, label, runPath);
    }

    /// <summary>The most recent run (by start time) recorded with <paramref name="label"/>, or null.</summary>
    public RunResult? LastWithLabel(string label) => LastRecordWithLabel(label)?.Run;

    /// <summary>
    /// The most recent run recorded with <paramref name="label"/> and the run.json path it was recorded
    /// from (null when none was given), or null.
    /// </summary>
    public (RunResult Run, string? Path)? LastRecordWithLabel(string label) => Guard<(RunResult Run, string? Path)?>(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT document, run_id, path FROM runs WHERE label = @label ORDER BY started_utc DESC, id DESC LIMIT 1";
        AddParameter(command, "label", label);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (RunFileReader.Parse(reader.GetString(0), $"history run {reader.GetString(1)} ({label})"), HistoryColumns.Text(reader, 2)) : null;
    });

    /// <summary>Every recorded run, oldest first.</summary>
    public IReadOnlyList<HistoryRun> Runs() => Guard<IReadOnlyList<HistoryRun>>(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT run_id, label, host, started_utc, kernel, tool_version FROM runs ORDER BY started_utc, id";
        using var reader = command.ExecuteReader();
        var runs = new List<HistoryRun>();
        while (reader.Read())
        {
            runs.Add(new HistoryRun(reader.GetString(0), HistoryColumns.Text(reader, 1), reader.GetString(2), HistoryColumns.Time(reader.GetString(3)),
                HistoryColumns.Text(reader, 4), HistoryColumns.Text(reader, 5)));
        }

        return runs;
    });

    /// <summary>
    /// The trend of <paramref name="metric"/>: per case key and host, each run's median, oldest first.
    /// <paramref name="caseFilter"/> matches a substring of the key; null filters match everything.
    /// </summary>
    public IReadOnlyList<TrendPoint> Trend(string metric, string? caseFilter = null, string? host = null, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Guard(() => new HistoryTrendReader(_connection, _dialect).Trend(metric, caseFilter, host, label));
    }

    /// <summary>
    /// The trend of each case's primary metric: as <see cref="Trend"/>, each point naming its
    /// <see cref="TrendPoint.Metric"/> (<see cref="HistoryTrendReader.PrimaryTrend"/>).
    /// </summary>
    public IReadOnlyList<TrendPoint> PrimaryTrend(string? caseFilter = null, string? host = null, string? label = null) =>
        Guard(() => new HistoryTrendReader(_connection, _dialect).PrimaryTrend(caseFilter, host, label));

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    /// <summary>Runs <paramref name="body"/>, turning SQLite's failures on a bad file into a <see cref="HistoryException"/>.</summary>
    private T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (_dialect.Classify(ex, _display, _busyTimeout) is { } problem && !ReferenceEquals(problem, ex))
        {
            throw problem;
        }
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

    private static void Execute(DbTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DbTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        return command.ExecuteScalar();
    }

    private static DbCommand Command(DbTransaction tx, string sql, (string Name, object? Value)[] parameters)
    {
        var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return command;
    }

    /// <summary>
    /// Adds <c>@name</c>; a null is typed as text, since PostgreSQL must know a parameter's type
    /// even where it is only compared with NULL.
    /// </summary>
    internal static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null or string)
        {
            parameter.DbType = DbType.String;
        }

        command.Parameters.Add(parameter);
    }
}
