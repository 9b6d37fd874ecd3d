using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Plotting.Charts;
using RepetitionValues = LoopBench.Core.Results.RepetitionValues;

namespace LoopBench.Plotting.Adapters;

/// <summary>
/// The passing cases of a run, filtered, with their matrix axes and the host line every title
/// carries. Figures come from the stored summaries (median and Harrell–Davis CI); only a run
/// without summaries (quick) has them computed here, by Core's <see cref="Statistics"/>.
/// </summary>
internal sealed class RunChartSource
{
    private RunChartSource(RunResult run, IReadOnlyList<CaseResult> cases)
    {
        Run = run;
        Cases = cases;
        Axes = CaseAxes.Of(cases.Select(c => c.Key));
    }

    public RunResult Run { get; }

    /// <summary>Passing (or interrupted, with repetitions) cases in run order.</summary>
    public IReadOnlyList<CaseResult> Cases { get; }

    public CaseAxes Axes { get; }

    /// <summary>"on bench-1 (Linux 6.1.0)".</summary>
    public string Host => $"on {Run.Environment.Hostname} (Linux {Run.Environment.Kernel})";

    /// <summary>Selects the cases of <paramref name="run"/>; throws <see cref="ChartDataException"/> when none passed.</summary>
    public static RunChartSource Of(RunResult run, string? caseFragment = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var usable = run.Cases.Where(c => c.Outcome.IsUsable() && c.Repetitions.Count > 0).ToList();
        if (usable.Count == 0)
        {
            throw new ChartDataException($"run {run.RunId} has no passing case ({run.Cases.Count} cases: {OutcomeCounts(run)}); nothing to plot");
        }

        var fragments = (caseFragment ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var selected = usable.Where(c => fragments.All(f => c.Key.Contains(f, StringComparison.Ordinal))).ToList();
        return selected.Count > 0
            ? new RunChartSource(run, selected)
            : throw new ChartDataException($"--case '{caseFragment}' matches none of the {usable.Count} passing cases, e.g. '{usable[0].Key}'");
    }

    /// <summary>Metric ids some case has, catalogue order.</summary>
    public IReadOnlyList<string> Metrics =>
        Cases.SelectMany(RepetitionValues.MetricsOf).Distinct(StringComparer.Ordinal).OrderBy(MetricCatalog.Order).ThenBy(m => m, StringComparer.Ordinal).ToList();

    /// <summary>The metric asked for, or the most common primary metric; throws listing the valid ones.</summary>
    public string Metric(string? requested)
    {
        var metrics = Metrics;
        if (requested is null)
        {
            return Cases.Select(c => PrimaryMetric.Of(c)).OfType<string>()
                .GroupBy(m => m, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault()
                ?? throw new ChartDataException("the passing cases record no metric; nothing to plot");
        }

        return metrics.Contains(requested, StringComparer.Ordinal)
            ? requested
            : throw new ChartDataException($"metric '{requested}' is not in this run; valid: {string.Join(", ", metrics)}");
    }

    /// <summary>The cases that have <paramref name="metric"/>.</summary>
    public IReadOnlyList<CaseResult> With(string metric) =>
        Cases.Where(c => RepetitionValues.Of(c, metric).Count > 0).ToList();

    /// <summary>Median and CI of <paramref name="metric"/> in stored units: the stored summary, else Core's.</summary>
    public static MetricSummary Summary(CaseResult result, string metric) =>
        result.Summaries?.GetValueOrDefault(metric) ?? Statistics.Summarize(RepetitionValues.Of(result, metric));

    /// <summary>The summary as a chart estimate, scaled for display.</summary>
    public static Estimate Estimate(CaseResult result, MetricAxis axis)
    {
        var s = Summary(result, axis.Metric);
        return new Estimate(s.Median * axis.Factor, s.CiLower * axis.Factor, s.CiUpper * axis.Factor);
    }

    /// <summary>The display axis for <paramref name="metric"/> over <paramref name="cases"/>.</summary>
    public static MetricAxis Axis(IEnumerable<CaseResult> cases, string metric) =>
        MetricAxis.For(metric, cases.Select(c => Math.Abs(Summary(c, metric).Median)).DefaultIfEmpty(0).Max());

    /// <summary>A title: what, how many cases, on which host.</summary>
    public string Title(string what) => $"{what} — {Run.Scenario ?? Run.RunId} {Host}";

    /// <summary>A short case label from the varying axes.</summary>
    public string Label(CaseResult result) => Axes.Describe(result.Key, Axes.Varying);

    private static string OutcomeCounts(RunResult run) =>
        run.Cases.Count == 0 ? "none" : string.Join(", ", run.Cases.GroupBy(c => c.Outcome).Select(g => $"{g.Count()} {g.Key.ToId()}"));
}
