using LoopBench.Core;

namespace LoopBench.Plotting.Adapters;

/// <summary>What <c>loopbench plot</c> asks for; null fields take defaults from the run's matrix.</summary>
/// <param name="Kind">The chart; null: sweep when an axis is numeric, else bar.</param>
/// <param name="Metric">Metric id; null: the cases' primary metric.</param>
/// <param name="X">Parameter on the x axis (sweep) or the groups (bar); null: chosen from the varying axes.</param>
/// <param name="Series">Parameter that makes the lines or colours; null: the other varying axes.</param>
/// <param name="CaseFragment">Only cases whose key contains every comma-separated fragment.</param>
internal sealed record ChartRequest(ChartKind? Kind = null, string? Metric = null, string? X = null, string? Series = null, string? CaseFragment = null)
{
    /// <summary>Every chart kind a run can be drawn as, by id.</summary>
    public static IReadOnlyList<string> Kinds => EnumIds.Ids<ChartKind>();
}
