using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace LoopBench.Core.History;

/// <summary>The history in an SQLite file (the default): JSON through json_extract and json_each.</summary>
internal sealed class SqliteHistoryDialect : IHistoryDialect
{
    public static readonly SqliteHistoryDialect Instance = new();

    public string DatabaseWords => "an SQLite database";

    public string AutoIdColumn => "INTEGER PRIMARY KEY";

    public string DoubleColumn => "REAL";

    public string JsonColumn => "TEXT";

    public string TableNamesSql => "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";

    public string ColumnNamesSql => "SELECT name FROM pragma_table_info(@table)";

    public DbConnection Connect(string spec, bool readOnly, TimeSpan busyTimeout) =>
        // No pooling: the file is closed when the store is disposed, so tests and CI can move it.
        // DefaultTimeout is the busy timeout: Microsoft.Data.Sqlite retries a locked file until it passes.
        new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = spec,
            Pooling = false,
            ForeignKeys = true, // a replaced run's rows go with it (ON DELETE CASCADE)
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString());

    public void Prepare(string spec, bool readOnly)
    {
        HistoryFile.CheckKind(spec);
        if (!readOnly && Path.GetDirectoryName(Path.GetFullPath(spec)) is string directory)
        {
            Directory.CreateDirectory(directory);
        }
    }

    public string JsonValue(string parameter) => $"json({parameter})";

    public string JsonText(string expression, string path) => $"json_extract({expression}, '$.{path}')";

    public string CaseElements(string document, string alias) => $"json_each({document}, '$.cases') {alias}";

    public string Contains(string haystack, string needle) => $"instr({haystack}, {needle}) > 0";

    public long ReadVersion(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public string WriteVersionSql(int version) => $"PRAGMA user_version = {version};";

    public void Lock(DbTransaction transaction, string resource)
    {
        // BeginTransaction is BEGIN IMMEDIATE: the transaction already holds the file's write lock.
    }

    public HistoryException? Classify(Exception exception, string display, TimeSpan busyTimeout) =>
        HistoryFile.Classify(exception, display, busyTimeout);
}
