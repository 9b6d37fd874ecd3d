using LoopBench.Core.Comparison;
using LoopBench.Core.Results;
using LoopBench.Plotting.Charts;

namespace LoopBench.Plotting.Adapters;

/// <summary>The compare engine's ratios and verdicts as a comparison chart: one row per case, its primary metric.</summary>
public static class ComparisonAdapter
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
                items.Add(new RatioItem($"{axes.Describe(c.Key, axes.Varying)} ({row.Metric})", new Estimate(row.Ratio, row.RatioLower, row.RatioUpper), row.Verdict.Id()));
            }
        }

        ChartCanvas.RequireData(items.Count > 0, "no compared case has a ratio for its primary metric");
        string title = $"candidate {report.CandidateRunId} / baseline {report.BaselineRunId} on {candidate.Environment.Hostname} (Linux {candidate.Environment.Kernel})";
        ComparisonChart.Save(new ChartText(title, "candidate / baseline (ratio, with its interval)", "case"), items, path);
    }
}
