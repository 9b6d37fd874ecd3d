using System.Data.Common;
using LoopBench.Core.Results;

namespace LoopBench.Core.History;

/// <summary>
/// The SQL that reads recorded runs back over an open connection, and their rows as records.
/// <see cref="HistoryStore"/> owns the connection and its errors.
/// </summary>
internal sealed class HistoryRunReader(DbConnection connection)
{
    /// <summary>The most recent run recorded with <paramref name="label"/> and the path it was recorded from, or null.</summary>
    public (RunResult Run, string? Path)? LastRecordWithLabel(string label)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT document, run_id, path FROM runs WHERE label = @label ORDER BY started_utc DESC, id DESC LIMIT 1";
        HistoryCommands.AddParameter(command, "label", label);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (RunFileReader.Parse(reader.GetString(0), $"history run {reader.GetString(1)} ({label})"), HistoryColumns.Text(reader, 2)) : null;
    }

    /// <summary>Every recorded run, oldest first.</summary>
    public IReadOnlyList<HistoryRun> Runs()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, label, host, started_utc, kernel, tool_version FROM runs ORDER BY started_utc, id";
        using var reader = command.ExecuteReader();
        var runs = new List<HistoryRun>();
        while (reader.Read())
        {
            runs.Add(new HistoryRun(reader.GetString(0), HistoryColumns.Text(reader, 1), reader.GetString(2), HistoryColumns.Time(reader.GetString(3)),
                HistoryColumns.Text(reader, 4), HistoryColumns.Text(reader, 5)));
        }

        return runs;
    }
}
