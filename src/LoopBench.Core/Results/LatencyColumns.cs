using LoopBench.Core.Workloads;

namespace LoopBench.Core.Results;

/// <summary>
/// The round-trip percentiles that summaries print beside transactions/s for rr, crr and
/// rr-under-load cases: the median over repetitions of each percentile metric, in µs.
/// </summary>
internal static class LatencyColumns
{
    /// <summary>Printed for a percentile no summary holds (too few samples, or not in every repetition): never 0.</summary>
    public const string Absent = "–";

    /// <summary>The one unit of every cell, so a column reads down without a unit per cell.</summary>
    public static readonly UnitScale Unit = UnitScale.Named(MetricUnitKind.Nanoseconds, "µs");

    /// <summary>The metrics, in column order.</summary>
    public static readonly IReadOnlyList<string> Metrics = [MetricIds.RttP50Ns, MetricIds.RttP99Ns, MetricIds.RttP999Ns];

    /// <summary>The same percentiles as words for one-line summaries.</summary>
    public static readonly IReadOnlyList<string> Names = ["p50", "p99", "p99.9"];

    /// <summary>The column headers, in the order of <see cref="Metrics"/>: "p50 µs".</summary>
    public static readonly IReadOnlyList<string> Headers = Names.Select(name => name + " " + Unit.Unit).ToList();

    /// <summary>True for the patterns whose cases time each transaction.</summary>
    public static bool Applies(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Case.Pattern.IsTransactional();
    }

    /// <summary>
    /// The cells of <paramref name="result"/>: each percentile's median over repetitions in <see cref="Unit"/>,
    /// <see cref="Absent"/> where the summaries lack it; empty cells for patterns without latency.
    /// </summary>
    public static IReadOnlyList<string> Cells(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!Applies(result))
        {
            return Metrics.Select(_ => string.Empty).ToList();
        }

        return Metrics.Select(m => result.Summaries?.GetValueOrDefault(m) is { } s
            ? Unit.Number(s.Median)
            : Absent).ToList();
    }
}
