using LoopBench.Core;
using LoopBench.Core.Comparison;
using ScottPlot;

namespace LoopBench.Plotting.Charts;

/// <summary>Candidate/baseline ratio per case with its interval, coloured by verdict, around a line at 1.</summary>
internal static class ComparisonChart
{
    /// <summary>Renders to PNG or SVG by the path's extension. Cases run top to bottom.</summary>
    public static void Save(ChartText text, IReadOnlyList<RatioItem> items, string path,
        int widthPx = ChartCanvas.DefaultWidthPx, int heightPx = ChartCanvas.DefaultHeightPx)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(items);
        ChartCanvas.RequireData(items.Count > 0, "no compared cases");
        var plot = ChartCanvas.Create(text);
        var neutral = plot.Add.VerticalLine(1.0, 1.5f, Colors.Gray, LinePattern.Dashed);
        neutral.LegendText = "no change (1.0)";
        var seen = new HashSet<Verdict>();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < items.Count; i++)
        {
            double y = items.Count - 1 - i;
            var item = items[i];
            ErrorWhiskers.Add(plot, y, item.Ratio, 0.15, horizontal: true);
            var marker = plot.Add.Marker(item.Ratio.Value, y, MarkerShape.FilledCircle, 10, ChartCanvas.VerdictColor(item.Verdict));
            marker.LegendText = seen.Add(item.Verdict) ? item.Verdict.ToId() : string.Empty;
            ticks.AddMajor(y, ChartCanvas.Wrap(item.Label));
        }

        plot.Axes.Left.TickGenerator = ticks;
        ChartCanvas.LegendOutside(plot);
        ChartCanvas.Save(plot, path, widthPx, Math.Max(heightPx, 120 + (items.Count * 28)));
    }
}
