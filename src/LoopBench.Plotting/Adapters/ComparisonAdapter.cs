using LoopBench.Core.Comparison;
using LoopBench.Core.Results;
using LoopBench.Plotting.Charts;

namespace LoopBench.Plotting.Adapters;

/// <summary>The compare engine's ratios and verdicts as a comparison chart: one row per case, its primary metric.</summary>
internal static class ComparisonAdapter
{
    /// <summary>Renders the ratio chart of <paramref name="report"/> for <paramref name="metric"/> (null: each case's primary metric).</summary>
    public static void Render(ComparisonReport report, RunResult candidate, string path, string? metric = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(candidate);
        var primary = candidate.Cases.ToDictionary(c => c.Key, c => PrimaryMetric.Of(c), StringComparer.Ordinal);
        var axes = CaseAxes.Of(report.Cases.Select(c => c.Key));
        var items = new List<RatioItem>();
        foreach (var c in report.Cases)
        {
            string? wanted = metric ?? primary.GetValueOrDefault(c.Key);
            if (c.Metrics.FirstOrDefault(m => m.Metric == wanted) is { } row && row.Ratio > 0)
            {
                items.Add(new RatioItem($"{axes.Describe(c.Key, axes.Varying)} ({row.Metric})", new Estimate(row.Ratio, row.RatioLower, row.RatioUpper), row.Verdict));
            }
        }

        ChartCanvas.RequireData(items.Count > 0, "no compared case has a ratio for its primary metric");
        string title = $"candidate {report.CandidateRunId} / baseline {report.BaselineRunId} on {candidate.Environment.Hostname} (Linux {candidate.Environment.Kernel})";
        ComparisonChart.Save(new ChartText(title, "candidate / baseline (ratio, with its interval)", "case"), items, path);
    }

    /// <summary>
    /// The ratio chart of a scenario's A/B (<c>compare:</c> block): one row per pair, labelled by
    /// what differs and the rest of the case, its primary metric's ratio with the interval.
    /// </summary>
    public static void RenderAxis(RunResult run, IReadOnlyList<AxisReport> reports, string path)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(reports);
        var axes = CaseAxes.Of(reports.SelectMany(r => r.Report.Cases.Select(c => c.Key)));
        var items = AxisSummaryWriter.Rows(run, reports)
            .Where(r => r.Metric is { Ratio: > 0 })
            .Select(r => new RatioItem(Label(r.Case.Differences ?? r.Report.Heading, axes.Describe(r.Case.Key, axes.Varying), r.Metric!.Metric),
                new Estimate(r.Metric.Ratio, r.Metric.RatioLower, r.Metric.RatioUpper), r.Metric.Verdict))
            .ToList();
        ChartCanvas.RequireData(items.Count > 0, "no pair has a ratio for its primary metric yet");
        string axis = run.Settings?.Compare?.Axis ?? "axis";
        string title = $"A/B of {axis} in run {run.RunId} on {run.Environment.Hostname} (Linux {run.Environment.Kernel})";
        ComparisonChart.Save(new ChartText(title, "candidate / baseline (ratio, with its interval)", "pair"), items, path);
    }

    private static string Label(string differences, string rest, string metric) =>
        rest.Length == 0 ? $"{differences} ({metric})" : $"{differences}, {rest} ({metric})";
}
