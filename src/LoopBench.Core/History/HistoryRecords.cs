namespace LoopBench.Core.History;

/// <summary>One recorded run.</summary>
internal sealed record HistoryRun(string RunId, string? Label, string Host, DateTimeOffset StartedUtc, string? Kernel, string? ToolVersion);

/// <summary>One run's figure for one case and metric.</summary>
internal sealed record TrendPoint(string CaseKey, string Host, string RunId, string? Label, DateTimeOffset StartedUtc, double Median, double Min, double Max, int Repetitions)
{
    /// <summary>The commit the run's tool was built from ("sha" or "sha.dirty"), when its document names one.</summary>
    public string? Commit { get; init; }

    /// <summary>The metric id the figures are of.</summary>
    public string Metric { get; init; } = string.Empty;
}
