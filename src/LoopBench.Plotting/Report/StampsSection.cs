using LoopBench.Core.Results;
using LoopBench.Plotting.Adapters;
using LoopBench.Plotting.Charts;
using RepetitionValues = LoopBench.Core.Results.RepetitionValues;

namespace LoopBench.Plotting.Report;

/// <summary>The report's timestamps chart: cases whose every part has a p50.</summary>
internal static class StampsSection
{
    private static readonly string[] StampParts = ["client send", "request stack", "server wake", "server turnaround", "server send", "response stack", "client wake"];

    public static void Write(HtmlReportBuilder html, RunResult run, string scratch)
    {
        var rows = run.Cases
            .Where(c => c.Outcome.IsUsable() && c.Repetitions.Count > 0 && MetricIds.StampComponents.All(ids => RepetitionValues.Of(c, ids.P50).Count > 0))
            .Select(c => new StampsRow(c.Key, MetricIds.StampComponents.Select(ids => StampsChart.Unit.Scale(RunChartSource.Summary(c, ids.P50).Median)).ToList()))
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        string path = Path.Combine(scratch, "stamps.png");
        StampsChart.Save(rows, StampParts, path);
        html.Image(File.ReadAllBytes(path), "Where the round trip goes: median over repetitions of each part's p50, from kernel software timestamps (docs/timestamps.md)");
    }
}
