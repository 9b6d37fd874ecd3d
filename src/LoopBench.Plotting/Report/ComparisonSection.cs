using LoopBench.Core;
using LoopBench.Core.Comparison;
using LoopBench.Core.Results;
using LoopBench.Plotting.Adapters;
using LoopBench.Plotting.Charts;

namespace LoopBench.Plotting.Report;

/// <summary>The comparison section: headline, environment differences, verdict table and the ratio chart.</summary>
internal static class ComparisonSection
{
    public static void Write(HtmlReportBuilder html, ComparisonReport report, RunResult candidate, string scratch)
    {
        html.Heading($"Comparison with baseline {report.BaselineRunId}");
        html.Paragraph(ReportText.Headline(report));
        html.Paragraph($"{report.IntervalStatement} {report.SampleSizeStatement} Estimator: {report.Estimator}.");
        if (report.Environment.Count > 0)
        {
            html.Table(["environment field", "baseline", "candidate", "status"],
                report.Environment.Select(d => (IReadOnlyList<string>)[d.Field, d.Baseline ?? "(absent)", d.Candidate ?? "(absent)", ReportText.Status(d)]));
        }

        html.Table(["case", "metric", "baseline", "candidate", "change", "interval", "verdict", "note"],
            ReportText.OrderedRows(report).Select(r => (IReadOnlyList<string>)[
                r.Case.Key, r.Metric.Metric, FigureText.Of(r.Metric.BaselineMedian, r.Metric.Unit), FigureText.Of(r.Metric.CandidateMedian, r.Metric.Unit),
                FigureText.Change(r.Metric.Ratio), FigureText.Interval(r.Metric), r.Metric.Verdict.ToId(), r.Metric.Note ?? string.Empty]));
        var notCompared = report.Cases.Where(c => c.Note is not null).Select(c => (IReadOnlyList<string>)[c.Key, c.Note!]).ToList();
        notCompared.AddRange(report.MissingKeys.Select(k => (IReadOnlyList<string>)[k, "in the baseline only"]));
        notCompared.AddRange(report.NewKeys.Select(k => (IReadOnlyList<string>)[k, "in the candidate only"]));
        if (notCompared.Count > 0)
        {
            html.Table(["case not compared", "why"], notCompared);
        }

        string path = Path.Combine(scratch, "comparison.png");
        try
        {
            ComparisonAdapter.Render(report, candidate, path);
            html.Image(File.ReadAllBytes(path), "candidate/baseline ratio of each case's primary metric, with its interval, coloured by verdict");
        }
        catch (ChartDataException ex)
        {
            html.Paragraph($"comparison chart not drawn: {ex.Message}");
        }
    }
}
