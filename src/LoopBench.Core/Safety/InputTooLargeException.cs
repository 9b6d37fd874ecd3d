namespace LoopBench.Core.Safety;

/// <summary>A file or a peer offered more than LoopBench accepts; nothing was allocated for it.</summary>
internal sealed class InputTooLargeException : IOException
{
    /// <summary>Creates the exception.</summary>
    public InputTooLargeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public InputTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InputTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
