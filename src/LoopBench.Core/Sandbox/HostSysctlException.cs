namespace LoopBench.Core.Sandbox;

/// <summary>Host sysctls cannot be changed or restored now; the message says what to do.</summary>
internal sealed class HostSysctlException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HostSysctlException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public HostSysctlException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public HostSysctlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
