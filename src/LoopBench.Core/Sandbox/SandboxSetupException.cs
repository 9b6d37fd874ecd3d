namespace LoopBench.Core.Sandbox;

/// <summary>A setting could not be applied or did not read back as asked; the case fails with this message.</summary>
internal sealed class SandboxSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SandboxSetupException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SandboxSetupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SandboxSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
