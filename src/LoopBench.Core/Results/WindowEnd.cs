namespace LoopBench.Core.Results;

/// <summary>What closed the window of a count-based repetition (-n, -k); see <see cref="RepetitionResult.EndedBy"/>.</summary>
internal enum WindowEnd
{
    /// <summary>The -n bytes or -k transactions were all received or completed.</summary>
    [Id("count")]
    Count,

    /// <summary>The -t cap closed the window first: fewer bytes or transactions than asked for.</summary>
    [Id("time-cap")]
    TimeCap,
}
