using LoopBench.Core.Workloads;

namespace LoopBench.Core.Results;

/// <summary>The one metric per case that the noisy flag, --until-ci and the summary table look at.</summary>
internal static class PrimaryMetric
{
    private static readonly string[] Preferred =
        [MetricIds.TransactionsPerSecond, MetricIds.ThroughputBitsPerSecond, MetricIds.MessagesPerSecond];

    /// <summary>
    /// The metric <paramref name="pattern"/>'s cases are judged by (the noisy flag, --until-ci, the summaries,
    /// the history): the one place that decides it per pattern.
    /// </summary>
    public static string Declared(PatternKind pattern) =>
        pattern.IsTransactional() ? MetricIds.TransactionsPerSecond : MetricIds.ThroughputBitsPerSecond;

    /// <summary>
    /// The case's recorded primary metric; for documents that name none, its pattern's declared one
    /// when every repetition has it, else the guess of <see cref="Of(IReadOnlyList{RepetitionResult}, string?)"/>.
    /// </summary>
    public static string? Of(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.PrimaryMetric ?? Of(result.Repetitions, Declared(result.Case.Pattern));
    }

    /// <summary>
    /// The pattern's <paramref name="declared"/> metric when every repetition has it; otherwise (stored runs,
    /// or no declaration) the first preferred metric every repetition has, else the first common one by name;
    /// null without repetitions.
    /// </summary>
    public static string? Of(IReadOnlyList<RepetitionResult> repetitions, string? declared = null)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        if (repetitions.Count == 0)
        {
            return null;
        }

        if (declared is not null && repetitions.All(r => r.Metrics.ContainsKey(declared)))
        {
            return declared;
        }

        var common = repetitions.Skip(1).Aggregate(
            new HashSet<string>(repetitions[0].Metrics.Keys, StringComparer.Ordinal),
            (set, r) => { set.IntersectWith(r.Metrics.Keys); return set; });
        return Preferred.FirstOrDefault(common.Contains) ?? common.Order(StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>The values of <paramref name="metric"/> over the repetitions that have it.</summary>
    public static double[] Values(IEnumerable<RepetitionResult> repetitions, string metric) =>
        repetitions.Where(r => r.Metrics.ContainsKey(metric)).Select(r => r.Metrics[metric]).ToArray();
}
