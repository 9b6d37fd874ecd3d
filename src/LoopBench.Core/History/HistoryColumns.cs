using System.Globalization;
using System.Data.Common;

namespace LoopBench.Core.History;

/// <summary>How the history's columns spell times and optional text, written and read in one place.</summary>
internal static class HistoryColumns
{
    /// <summary>A time as stored: UTC, ISO 8601 to the millisecond, so that text order is time order.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A stored time read back.</summary>
    public static DateTimeOffset Time(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>An optional text column: null for SQL NULL.</summary>
    public static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
