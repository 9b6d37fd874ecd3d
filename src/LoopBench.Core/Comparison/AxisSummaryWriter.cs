using System.Text;
using LoopBench.Core.Results;

namespace LoopBench.Core.Comparison;

/// <summary>
/// The A/B section of summary.md for a scenario with a <c>compare:</c> block: per pair, what
/// differs, the shift of the case's primary metric with its interval, and the verdict, the same as
/// <c>compare RUN --axis</c> gives.
/// </summary>
internal static class AxisSummaryWriter
{
    /// <summary>The section, or "" when the run has no <c>compare:</c> block. Never throws on a run in progress: what cannot be judged yet is said.</summary>
    public static string Markdown(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Settings?.Compare is not { } compare)
        {
            return string.Empty;
        }

        var md = new StringBuilder();
        md.Append("\n## A/B: ").Append(compare.Axis)
            .Append(" (baseline ").Append(compare.Baseline ?? "its first value").Append(")\n\n");
        IReadOnlyList<AxisReport> reports;
        try
        {
            reports = AxisComparison.OfScenario(run)!;
        }
        catch (ComparisonInputException ex)
        {
            // A run in progress, filtered or overridden may not hold two values yet: the summary says so and goes on.
            return md.Append("Not judged: ").Append(ex.Message).Append('\n').ToString();
        }

        md.Append("| pair | case | metric | baseline | candidate | shift | interval | verdict | all metrics |\n");
        md.Append("|---|---|---|---:|---:|---:|---|---|---|\n");
        foreach (var (report, c, m) in Rows(run, reports))
        {
            string pair = MarkdownReportWriter.Cell(c.Differences ?? report.Heading);
            md.Append("| ").Append(pair).Append(" | `").Append(c.Key).Append("` | ");
            if (m is null)
            {
                md.Append("- | - | - | - | - | ").Append(MarkdownReportWriter.Icon(Verdict.Inconclusive)).Append(" not compared | ")
                    .Append(MarkdownReportWriter.Cell(c.Note ?? "no metric in common")).Append(" |\n");
                continue;
            }

            md.Append(m.Metric).Append(" | ")
                .Append(m.BaselineCount == 0 ? "-" : FigureText.Of(m.BaselineMedian, m.Unit)).Append(" | ")
                .Append(m.CandidateCount == 0 ? "-" : FigureText.Of(m.CandidateMedian, m.Unit)).Append(" | ")
                .Append(FigureText.Change(m.Ratio)).Append(" | ").Append(FigureText.Interval(m)).Append(" | ")
                .Append(MarkdownReportWriter.Icon(m.Verdict)).Append(' ').Append(m.Verdict.ToId()).Append(" | ")
                .Append(c.Overall.ToId()).Append(" |\n");
        }

        var first = reports[0].Report;
        md.Append("\nShift = candidate/baseline of the case's primary metric by the ").Append(first.Estimator).Append(". ")
            .Append(first.IntervalStatement).Append(' ').Append(first.SampleSizeStatement)
            .Append(" \"all metrics\" is the worst verdict over every compared metric; `loopbench compare RUN --axis ")
            .Append(compare.Axis).Append(compare.Baseline is null ? string.Empty : "=" + compare.Baseline).Append("` shows them.\n");
        return md.ToString();
    }

    /// <summary>Each pair with its primary metric's row (null when the case was not compared), pairs in report then case order.</summary>
    public static IEnumerable<(AxisReport Report, CaseComparison Case, MetricComparison? Metric)> Rows(RunResult run, IReadOnlyList<AxisReport> reports)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(reports);
        var primary = run.Cases.DistinctBy(c => c.Key).ToDictionary(c => c.Key, PrimaryMetric.Of, StringComparer.Ordinal);
        foreach (var report in reports)
        {
            foreach (var c in report.Report.Cases)
            {
                string? metric = primary.GetValueOrDefault(c.Key);
                yield return (report, c, c.Metrics.FirstOrDefault(m => m.Metric == metric));
            }
        }
    }
}
