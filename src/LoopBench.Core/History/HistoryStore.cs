using System.Data.Common;
using LoopBench.Core.Results;

namespace LoopBench.Core.History;

/// <summary>
/// The history of past runs, in an SQLite file beside the results (results/history.db) or in a
/// PostgreSQL database that many hosts share: each run with its label, host, kernel and document,
/// each case with its parameters as JSON, and per case and metric the median and every repetition's
/// figure, so a metric's trend per case key and per host is one query. `loopbench run` records
/// each run here; `loopbench history import` records an existing run.json. This type opens the history
/// and turns database faults into <see cref="HistoryException"/>s; the SQL is written once, in
/// <see cref="HistoryRunWriter"/>, <see cref="HistoryRunReader"/> and <see cref="HistoryTrendReader"/>,
/// and an <see cref="IHistoryDialect"/> holds what differs between the two databases.
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
                    new HistoryRunWriter(_connection, _dialect).FillCases();
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
        return Guard(() => new HistoryRunWriter(_connection, _dialect).Record(run, label, path));
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
    public (RunResult Run, string? Path)? LastRecordWithLabel(string label) =>
        Guard(() => new HistoryRunReader(_connection).LastRecordWithLabel(label));

    /// <summary>Every recorded run, oldest first.</summary>
    public IReadOnlyList<HistoryRun> Runs() => Guard(() => new HistoryRunReader(_connection).Runs());

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
}
