namespace LoopBench.Core.Results;

/// <summary>What closed the window of a count-based repetition (-n, -k): stable ids of <see cref="RepetitionResult.EndedBy"/>.</summary>
public static class WindowEnds
{
    /// <summary>The -n bytes or -k transactions were all received or completed.</summary>
    public const string Count = "count";

    /// <summary>The -t cap closed the window first: fewer bytes or transactions than asked for.</summary>
    public const string TimeCap = "time-cap";
}
