using ScottPlot;

namespace LoopBench.Plotting.Charts;

/// <summary>Per-interval throughput (or rate) per flow over the window, with retransmits or drops marked.</summary>
internal static class TimeSeriesChart
{
    /// <summary>Renders to PNG or SVG by the path's extension.</summary>
    public static void Save(ChartText text, IReadOnlyList<TimeSeries> series, string path,
        int widthPx = ChartCanvas.DefaultWidthPx, int heightPx = ChartCanvas.DefaultHeightPx)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(series);
        ChartCanvas.RequireData(series.Any(s => s.Points.Count > 0), "no interval samples");
        var plot = ChartCanvas.Create(text);
        int index = 0;
        bool anyMark = false;
        foreach (var s in series.Where(s => s.Points.Count > 0))
        {
            var color = ChartCanvas.ColorOf(index++);
            var line = plot.Add.Scatter(s.Points.Select(p => p.Seconds).ToArray(), s.Points.Select(p => p.Value).ToArray(), color);
            line.LegendText = s.Name;
            line.ConnectStyle = ConnectStyle.StepVertical;
            line.MarkerSize = 0;
            line.LineWidth = 2;
            foreach (double marked in s.MarkedSeconds ?? [])
            {
                var at = s.Points.MinBy(p => Math.Abs(p.Seconds - marked));
                var marker = plot.Add.Marker(at.Seconds, at.Value, MarkerShape.OpenTriangleDown, 12, Colors.Crimson);
                marker.LegendText = anyMark ? string.Empty : "retransmits / drops";
                anyMark = true;
            }
        }

        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, Math.Max(plot.Axes.GetLimits().Top, 1e-9) * 1.05);
        ChartCanvas.LegendOutside(plot);
        ChartCanvas.Save(plot, path, widthPx, heightPx);
    }
}
