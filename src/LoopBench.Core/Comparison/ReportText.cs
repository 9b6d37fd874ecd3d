using System.Globalization;

namespace LoopBench.Core.Comparison;

/// <summary>Wording shared by the Markdown, JUnit and terminal forms of a report.</summary>
internal static class ReportText
{
    /// <summary>"1 regression, 2 improvements, 10 no-change, 3 inconclusive".</summary>
    public static string Headline(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        int regressions = report.Count(Verdict.Regression), improvements = report.Count(Verdict.Improvement);
        return string.Create(CultureInfo.InvariantCulture,
            $"{regressions} regression{(regressions == 1 ? string.Empty : "s")}, {improvements} improvement{(improvements == 1 ? string.Empty : "s")}, {report.Count(Verdict.NoChange)} no-change, {report.Count(Verdict.Inconclusive)} inconclusive");
    }

    /// <summary>Rows worst first (regression, inconclusive, improvement, no-change), then in case order.</summary>
    public static IEnumerable<(CaseComparison Case, MetricComparison Metric)> OrderedRows(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Rows().OrderByDescending(r => CaseComparison.Severity(r.Metric.Verdict));
    }

    /// <summary>A fraction as a percentage: 0.05 → "5%".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>"refused" (identity), "expected" or "warning".</summary>
    public static string Status(EnvironmentDifference difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        return difference.Identity ? (difference.Expected ? "identity, allowed" : "identity: refused")
            : difference.Expected ? "expected" : $"warning (silence: --expect-diff {difference.Group})";
    }
}
