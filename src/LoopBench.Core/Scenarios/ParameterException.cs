namespace LoopBench.Core.Scenarios;

/// <summary>A case parameter with a bad value; names the parameter so callers can name their flag or YAML key.</summary>
internal sealed class ParameterException : Exception
{
    /// <summary>Creates the exception for <paramref name="parameter"/>.</summary>
    public ParameterException(string parameter, string message)
        : base(message)
    {
        Parameter = parameter;
    }

    /// <summary>Creates the exception without a parameter.</summary>
    public ParameterException()
    {
        Parameter = string.Empty;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ParameterException(string message)
        : base(message)
    {
        Parameter = string.Empty;
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameter = string.Empty;
    }

    /// <summary>The parameter's name, e.g. "transport".</summary>
    public string Parameter { get; }
}
