using System.Data.Common;

namespace LoopBench.Core.History;

/// <summary>
/// What differs between the history's two databases, SQLite and PostgreSQL: how to connect, a few
/// column types, the JSON functions, the schema catalogue, write locks and error codes. The tables,
/// the queries and the recording logic are written once, in <see cref="HistorySchema"/>, <see cref="HistoryRunWriter"/>,
/// <see cref="HistoryRunReader"/> and <see cref="HistoryTrendReader"/>, with <c>@name</c> parameters both accept.
/// </summary>
internal interface IHistoryDialect
{
    /// <summary>A connection, not yet open, to the history <paramref name="spec"/>.</summary>
    DbConnection Connect(string spec, bool readOnly, TimeSpan busyTimeout);

    /// <summary>Checks the target before connecting (SQLite: the file's kind; creates its directory for writing).</summary>
    void Prepare(string spec, bool readOnly);

    /// <summary>The database in words, for messages: "an SQLite database".</summary>
    string DatabaseWords { get; }

    /// <summary>The type of a row id that the database assigns, with its primary key.</summary>
    string AutoIdColumn { get; }

    /// <summary>The type of a double-precision figure (PostgreSQL's REAL is single precision).</summary>
    string DoubleColumn { get; }

    /// <summary>The type of a JSON column that SQL can look into.</summary>
    string JsonColumn { get; }

    /// <summary>An expression storing the JSON text in <paramref name="parameter"/> into a <see cref="JsonColumn"/>.</summary>
    string JsonValue(string parameter);

    /// <summary>The text at <paramref name="path"/> (dotted, e.g. "tool.commit") of the JSON in <paramref name="expression"/>, or NULL.</summary>
    string JsonText(string expression, string path);

    /// <summary>A FROM item: one row per element of <paramref name="document"/>'s "cases" array, its JSON in column <c>value</c>.</summary>
    string CaseElements(string document, string alias);

    /// <summary>True (an SQL condition) when <paramref name="haystack"/> contains <paramref name="needle"/>, without LIKE's wildcards.</summary>
    string Contains(string haystack, string needle);

    /// <summary>The names of the user tables, one per row.</summary>
    string TableNamesSql { get; }

    /// <summary>The column names of the table named by parameter <c>@table</c>, one per row.</summary>
    string ColumnNamesSql { get; }

    /// <summary>The schema version the history records; 0 when none.</summary>
    long ReadVersion(DbConnection connection);

    /// <summary>SQL that records <paramref name="version"/> as the schema version (after the tables exist).</summary>
    string WriteVersionSql(int version);

    /// <summary>
    /// Serializes writers of <paramref name="resource"/> inside <paramref name="transaction"/> until it ends;
    /// SQLite's write transaction already holds the whole file.
    /// </summary>
    void Lock(DbTransaction transaction, string resource);

    /// <summary>The history problem behind <paramref name="exception"/>, or null when it is a fault of another kind.</summary>
    HistoryException? Classify(Exception exception, string display, TimeSpan busyTimeout);
}
