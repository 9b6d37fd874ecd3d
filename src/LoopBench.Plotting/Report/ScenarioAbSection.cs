using LoopBench.Core;
using LoopBench.Core.Comparison;
using LoopBench.Core.Results;
using LoopBench.Plotting.Adapters;
using LoopBench.Plotting.Charts;

namespace LoopBench.Plotting.Report;

/// <summary>The A/B section of a scenario with a <c>compare:</c> block: the verdict table and the ratio chart, as summary.md has them.</summary>
internal static class ScenarioAbSection
{
    public static void Write(HtmlReportBuilder html, RunResult run, string scratch)
    {
        if (run.Settings?.Compare is not { } compare)
        {
            return;
        }

        html.Heading($"A/B: {compare.Axis} (baseline {compare.Baseline ?? "its first value"})");
        IReadOnlyList<AxisReport> reports;
        try
        {
            reports = AxisComparison.OfScenario(run)!;
        }
        catch (ComparisonInputException ex)
        {
            html.Paragraph($"Not judged: {ex.Message}");
            return;
        }

        var first = reports[0].Report;
        html.Paragraph($"Shift = candidate/baseline of each case's primary metric. {first.IntervalStatement} {first.SampleSizeStatement} Estimator: {first.Estimator}.");
        html.Table(["pair", "case", "metric", "baseline", "candidate", "shift", "interval", "verdict", "all metrics"],
            AxisSummaryWriter.Rows(run, reports).Select(r => r.Metric is not { } m
                ? (IReadOnlyList<string>)[r.Case.Differences ?? r.Report.Heading, r.Case.Key, "-", "-", "-", "-", "-", "not compared", r.Case.Note ?? string.Empty]
                : [r.Case.Differences ?? r.Report.Heading, r.Case.Key, m.Metric,
                    m.BaselineCount == 0 ? "-" : FigureText.Of(m.BaselineMedian, m.Unit), m.CandidateCount == 0 ? "-" : FigureText.Of(m.CandidateMedian, m.Unit),
                    FigureText.Change(m.Ratio), FigureText.Interval(m), m.Verdict.ToId(), r.Case.Overall.ToId()]));
        string path = Path.Combine(scratch, "axis-comparison.png");
        try
        {
            ComparisonAdapter.RenderAxis(run, reports, path);
            html.Image(File.ReadAllBytes(path), $"candidate/baseline ratio of each pair's primary metric ({compare.Axis}), with its interval, coloured by verdict");
        }
        catch (ChartDataException ex)
        {
            html.Paragraph($"A/B chart not drawn: {ex.Message}");
        }
    }
}
