namespace LoopBench.Cli;

/// <summary>Bad command-line input: the message names the flag and what is valid. Exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
