namespace LoopBench.Core.Results;

/// <summary>A run document that cannot be read: missing, corrupt, or of an unknown schema version.</summary>
internal sealed class RunFileException : Exception
{
    /// <summary>Creates the exception; the message names the file and what is wrong.</summary>
    public RunFileException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
