namespace LoopBench.Core.History;

/// <summary>What is wrong with a history file; each kind is bad input (exit 2), named in one line.</summary>
internal enum HistoryProblem
{
    /// <summary>A directory, FIFO, device or socket where a history file was expected.</summary>
    [Id("not-regular-file")]
    NotRegularFile = 1,

    /// <summary>The file is not an SQLite database at all.</summary>
    [Id("not-sqlite")]
    NotSqlite = 2,

    /// <summary>An SQLite database whose pages are damaged.</summary>
    [Id("corrupt")]
    Corrupt = 3,

    /// <summary>An SQLite database of another program: its tables are not LoopBench's.</summary>
    [Id("foreign")]
    Foreign = 4,

    /// <summary>Another process holds a lock on the file for longer than the busy timeout.</summary>
    [Id("locked")]
    Locked = 5,

    /// <summary>Written by a newer LoopBench whose schema this build does not know.</summary>
    [Id("newer-schema")]
    NewerSchema = 6,

    /// <summary>An empty file (or empty database) opened only to read: it holds no history yet.</summary>
    [Id("empty")]
    Empty = 7,

    /// <summary>The file cannot be opened or written (permissions, a read-only file system).</summary>
    [Id("inaccessible")]
    Inaccessible = 8,
}

/// <summary>A history file that cannot be used; the message names the file and what is wrong with it.</summary>
internal sealed class HistoryException : Exception
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
