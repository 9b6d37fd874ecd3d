namespace LoopBench.Cli;

/// <summary>Process exit codes, shared by every verb (see README).</summary>
internal static class ExitCodes
{
    /// <summary>Success: the case ran, or compare found no regression.</summary>
    public const int Ok = 0;

    /// <summary>An internal error, or a case that failed at run time (port in use, worker died).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: unknown option, bad value, non-loopback address.</summary>
    public const int BadInput = 2;

    /// <summary>compare: a statistically real regression.</summary>
    public const int Regression = 3;

    /// <summary>compare: inconclusive, only with --fail-on-inconclusive.</summary>
    public const int Inconclusive = 4;

    /// <summary>Stopped by Ctrl-C or SIGTERM; what was measured was kept (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
