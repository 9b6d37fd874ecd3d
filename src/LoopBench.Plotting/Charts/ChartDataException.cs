namespace LoopBench.Plotting.Charts;

/// <summary>The results hold nothing this chart can draw (no passing case, missing metric).</summary>
internal sealed class ChartDataException : Exception
{
    /// <summary>Creates the exception with what was missing.</summary>
    public ChartDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public ChartDataException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public ChartDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
