namespace LoopBench.Core.History;

/// <summary>What is wrong with a history file; each kind is bad input (exit 2), named in one line.</summary>
public enum HistoryProblem
{
    /// <summary>A directory, FIFO, device or socket where a history file was expected.</summary>
    NotRegularFile = 1,

    /// <summary>The file is not an SQLite database at all.</summary>
    NotSqlite = 2,

    /// <summary>An SQLite database whose pages are damaged.</summary>
    Corrupt = 3,

    /// <summary>An SQLite database of another program: its tables are not LoopBench's.</summary>
    Foreign = 4,

    /// <summary>Another process holds a lock on the file for longer than the busy timeout.</summary>
    Locked = 5,

    /// <summary>Written by a newer LoopBench whose schema this build does not know.</summary>
    NewerSchema = 6,

    /// <summary>An empty file (or empty database) opened only to read: it holds no history yet.</summary>
    Empty = 7,

    /// <summary>The file cannot be opened or written (permissions, a read-only file system).</summary>
    Inaccessible = 8,
}

/// <summary>A history file that cannot be used; the message names the file and what is wrong with it.</summary>
public sealed class HistoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HistoryException(HistoryProblem problem, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
    }

    /// <summary>What is wrong.</summary>
    public HistoryProblem Problem { get; }
}
