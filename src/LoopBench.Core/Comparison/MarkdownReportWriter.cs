using System.Text;

namespace LoopBench.Core.Comparison;

/// <summary>The comparison as GitHub-flavoured Markdown, for $GITHUB_STEP_SUMMARY and PR comments.</summary>
internal static class MarkdownReportWriter
{
    /// <summary>Renders <paramref name="report"/>.</summary>
    public static string Write(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("## LoopBench compare: ").Append(ReportText.Headline(report)).Append("\n\n");
        md.Append("Baseline `").Append(report.BaselineRunId).Append("` → candidate `").Append(report.CandidateRunId).Append("`. ")
            .Append("Ratio = candidate/baseline by the ").Append(report.Estimator).Append(". ")
            .Append(report.IntervalStatement).Append(' ').Append(report.SampleSizeStatement).Append("\n\n");
        md.Append("| verdict | case | metric | baseline | candidate | change | interval | threshold | note |\n");
        md.Append("|---|---|---|---:|---:|---:|---|---:|---|\n");
        foreach (var (c, m) in ReportText.OrderedRows(report))
        {
            md.Append("| ").Append(Icon(m.Verdict)).Append(' ').Append(m.Verdict.ToId())
                .Append(" | ").Append(Cell(c.Label))
                .Append(" | ").Append(m.Metric)
                .Append(" | ").Append(m.BaselineCount == 0 ? "-" : FigureText.Of(m.BaselineMedian, m.Unit))
                .Append(" | ").Append(m.CandidateCount == 0 ? "-" : FigureText.Of(m.CandidateMedian, m.Unit))
                .Append(" | ").Append(FigureText.Change(m.Ratio))
                .Append(" | ").Append(FigureText.Interval(m))
                .Append(" | ").Append(m.Threshold.Length == 0 ? "-" : ReportText.Percent(m.EffectiveThreshold))
                .Append(" | ").Append(Cell(m.Note ?? string.Empty)).Append(" |\n");
        }

        foreach (var c in report.Cases.Where(c => c.Metrics.Count == 0))
        {
            md.Append("| ").Append(Icon(Verdict.Inconclusive)).Append(" not compared | ").Append(Cell(c.Label))
                .Append(" | - | - | - | - | - | - | ").Append(Cell(c.Note ?? "no metric in common")).Append(" |\n");
        }

        AppendList(md, "Incomplete: the candidate lacks what the baseline measured", report.Incomplete.ToList());
        AppendList(md, "New in the candidate", report.NewKeys);
        AppendList(md, "Metrics this build does not know (not compared)", report.SkippedMetrics);
        var differences = report.Environment;
        if (differences.Count > 0)
        {
            md.Append("\n**Environment differences**\n\n| field | baseline | candidate | status |\n|---|---|---|---|\n");
            foreach (var d in differences)
            {
                md.Append("| ").Append(d.Field).Append(" | ").Append(Cell(d.Baseline ?? "(absent)")).Append(" | ")
                    .Append(Cell(d.Candidate ?? "(absent)")).Append(" | ").Append(ReportText.Status(d)).Append(" |\n");
            }
        }

        return md.ToString();
    }

    private static void AppendList(StringBuilder md, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        md.Append("\n**").Append(title).Append("** (").Append(items.Count).Append(")\n\n");
        foreach (string item in items)
        {
            md.Append("- `").Append(item).Append("`\n");
        }
    }

    internal static string Icon(Verdict verdict) => verdict switch
    {
        Verdict.Regression => "❌",
        Verdict.Improvement => "✅",
        Verdict.Inconclusive => "❔",
        _ => "➖",
    };

    internal static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
