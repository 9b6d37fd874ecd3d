using LoopBench.Core.Safety;
using Microsoft.Data.Sqlite;

namespace LoopBench.Core.History;

/// <summary>
/// Turns what can be wrong with a history file into a <see cref="HistoryException"/> with one
/// clear line: the file's type is checked before SQLite opens it (a FIFO would block the open,
/// /dev/zero reads as an endless run of zero pages), and SQLite's failures are classified by their
/// result code (https://www.sqlite.org/rescode.html).
/// </summary>
internal static class HistoryFile
{
    private const int SqliteError = 1;
    private const int SqlitePerm = 3;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteCorrupt = 11;
    private const int SqliteCantOpen = 14;
    private const int SqliteAuth = 23;
    private const int SqliteNotADatabase = 26;

    /// <summary>Throws unless <paramref name="path"/> is absent or (through any symlink) a regular file.</summary>
    public static void CheckKind(string path)
    {
        PathStatus? status;
        try
        {
            status = PathStatus.Of(path, followSymlinks: true);
        }
        catch (IOException ex)
        {
            throw new HistoryException(HistoryProblem.Inaccessible, $"'{path}' cannot be used as a history: {ex.Message}", ex);
        }

        if (status is null || status.Kind == PathKind.RegularFile)
        {
            return;
        }

        throw new HistoryException(HistoryProblem.NotRegularFile,
            $"'{path}' is {Describe(status.Kind)}, not a LoopBench history file; pass --history a regular file (e.g. results/history.db)");
    }

    /// <summary>
    /// The history problem behind <paramref name="exception"/>, or null when it is not one (a full
    /// disk or an I/O error is a fault, not bad input, and keeps its own exception).
    /// </summary>
    public static HistoryException? Classify(Exception exception, string path, TimeSpan busyTimeout) => exception switch
    {
        HistoryException history => history,
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) switch
        {
            SqliteBusy or SqliteLocked => new HistoryException(HistoryProblem.Locked,
                $"'{path}' is locked by another process; retried for {busyTimeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s; try again when it has finished", sqlite),
            SqliteNotADatabase => new HistoryException(HistoryProblem.NotSqlite,
                $"'{path}' is not a LoopBench history: not an SQLite database ({Detail(sqlite)})", sqlite),
            SqliteCorrupt => new HistoryException(HistoryProblem.Corrupt,
                $"'{path}' is a corrupt SQLite database ({Detail(sqlite)}); restore it from a backup or move it aside", sqlite),
            SqliteError => new HistoryException(HistoryProblem.Foreign,
                $"'{path}' is not a LoopBench history: its tables do not match ({Detail(sqlite)})", sqlite),
            SqliteCantOpen or SqlitePerm or SqliteAuth or SqliteReadOnly => new HistoryException(HistoryProblem.Inaccessible,
                $"'{path}' cannot be used as a history: {Detail(sqlite)}", sqlite),
            _ => null,
        },

        // values of the wrong type in a column whose name matches: a foreign or damaged file
        FormatException or InvalidCastException or OverflowException => new HistoryException(HistoryProblem.Foreign,
            $"'{path}' is not a LoopBench history: a row holds a value of the wrong type ({exception.Message})", exception),
        _ => null,
    };

    /// <summary>SQLite's own words, without the "SQLite Error N:" prefix Microsoft.Data.Sqlite adds.</summary>
    private static string Detail(SqliteException exception)
    {
        string message = exception.Message;
        int colon = message.StartsWith("SQLite Error", StringComparison.Ordinal) ? message.IndexOf(':', StringComparison.Ordinal) : -1;
        return (colon >= 0 ? message[(colon + 1)..] : message).Trim().TrimEnd('.').Trim('\''); // "SQLite Error 11: 'reason'."
    }

    private static string Describe(PathKind kind) => kind switch
    {
        PathKind.Directory => "a directory",
        PathKind.Fifo => "a FIFO (named pipe)",
        PathKind.CharacterDevice => "a character device",
        PathKind.BlockDevice => "a block device",
        PathKind.Socket => "a socket",
        _ => "not a regular file",
    };
}
