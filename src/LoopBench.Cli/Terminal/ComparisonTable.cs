using LoopBench.Core;
using LoopBench.Core.Comparison;

namespace LoopBench.Cli.Terminal;

/// <summary>The comparison as an aligned terminal table, each row coloured by its verdict when colour is wanted.</summary>
internal static class ComparisonTable
{
    private const string Reset = "\u001b[0m";

    /// <summary>Colour only for a real terminal on stdout, and never when NO_COLOR is set (no-color.org).</summary>
    public static bool ColorWanted(TextWriter stdout) =>
        ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    public static string Render(ComparisonReport report, bool color)
    {
        var table = new TextTable("case", "metric", "verdict", "baseline", "candidate", "change", "interval", "threshold");
        var rows = ReportText.OrderedRows(report).ToList();
        foreach (var (c, m) in rows)
        {
            table.AddRow(c.Label, m.Metric, m.Verdict.ToId(),
                m.BaselineCount == 0 ? "-" : FigureText.Of(m.BaselineMedian, m.Unit),
                m.CandidateCount == 0 ? "-" : FigureText.Of(m.CandidateMedian, m.Unit),
                FigureText.Change(m.Ratio), FigureText.Interval(m), m.Threshold.Length == 0 ? "-" : ReportText.Percent(m.EffectiveThreshold));
        }

        var lines = table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var text = new System.Text.StringBuilder();
        text.Append(ReportText.Headline(report)).Append('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string? code = i == 0 || !color ? null : Code(rows[i - 1].Metric.Verdict);
            text.Append(code).Append(lines[i]).Append(code is null ? string.Empty : Reset).Append('\n');
        }

        foreach (var (c, m) in rows.Where(r => r.Metric.Note is not null))
        {
            text.Append("  note: ").Append(c.Label).Append(" / ").Append(m.Metric).Append(": ").Append(m.Note).Append('\n');
        }

        foreach (var c in report.Cases.Where(c => c.Metrics.Count == 0))
        {
            text.Append("  not compared: ").Append(c.Label).Append(": ").Append(c.Note ?? "no metric in common").Append('\n');
        }

        AppendKeys(text, "INCOMPLETE: the candidate lacks what the baseline measured", report.Incomplete.ToList());
        AppendKeys(text, "new in the candidate", report.NewKeys);
        AppendKeys(text, "metrics not known to this build (not compared)", report.SkippedMetrics);
        text.Append("Estimator: ").Append(report.Estimator).Append(".\n").Append(report.IntervalStatement).Append('\n').Append(report.SampleSizeStatement).Append('\n');
        return text.ToString();
    }

    private static void AppendKeys(System.Text.StringBuilder text, string title, IReadOnlyList<string> keys)
    {
        if (keys.Count > 0)
        {
            text.Append(title).Append(":\n");
            foreach (string key in keys)
            {
                text.Append("  ").Append(key).Append('\n');
            }
        }
    }

    private static string? Code(Verdict verdict) => verdict switch
    {
        Verdict.Regression => "\u001b[31m",
        Verdict.Improvement => "\u001b[32m",
        Verdict.Inconclusive => "\u001b[33m",
        _ => null,
    };
}
