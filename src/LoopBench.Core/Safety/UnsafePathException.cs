namespace LoopBench.Core.Safety;

/// <summary>A directory LoopBench would write into is a symlink, someone else's, or writable by others.</summary>
internal sealed class UnsafePathException : IOException
{
    /// <summary>Creates the exception.</summary>
    public UnsafePathException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnsafePathException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnsafePathException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
