namespace LoopBench.Core.Transports;

/// <summary>A connected pair could not be made: port in use, path not creatable, connect refused.</summary>
internal sealed class TransportSetupException : Exception
{
    /// <summary>Creates the exception with an actionable message.</summary>
    public TransportSetupException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception without a message (serialisation conventions).</summary>
    public TransportSetupException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TransportSetupException(string message)
        : base(message)
    {
    }
}
