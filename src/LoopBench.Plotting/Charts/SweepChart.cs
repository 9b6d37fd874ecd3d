namespace LoopBench.Plotting.Charts;

/// <summary>
/// A metric against a numeric parameter (MTU, message size, flows, rmem, queue length): one line
/// per series with a shaded confidence band. The chart for sysctl experiments.
/// </summary>
internal static class SweepChart
{
    /// <summary>Renders to PNG or SVG; <paramref name="logX"/> for power-of-two sweeps such as sizes.</summary>
    public static void Save(ChartText text, IReadOnlyList<SweepSeries> series, string path, bool logX = false,
        int widthPx = ChartCanvas.DefaultWidthPx, int heightPx = ChartCanvas.DefaultHeightPx)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(series);
        ChartCanvas.RequireData(series.Any(s => s.Points.Count > 0), "no sweep points");
        var plot = ChartCanvas.Create(text);
        double Map(double x) => logX ? Math.Log2(x) : x;
        int index = 0;
        foreach (var s in series.Where(s => s.Points.Count > 0))
        {
            var points = s.Points.OrderBy(p => p.X).ToArray();
            double[] xs = points.Select(p => Map(p.X)).ToArray();
            var color = ChartCanvas.ColorOf(index++);
            if (points.All(p => p.Estimate.Lower is not null && p.Estimate.Upper is not null) && points.Length > 1)
            {
                var band = plot.Add.FillY(xs, points.Select(p => p.Estimate.Lower!.Value).ToArray(), points.Select(p => p.Estimate.Upper!.Value).ToArray());
                band.FillColor = color.WithAlpha(0.25);
                band.LineColor = color.WithAlpha(0);
            }

            var line = plot.Add.Scatter(xs, points.Select(p => p.Estimate.Value).ToArray(), color);
            line.LegendText = s.Name;
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }

        if (logX)
        {
            var ticks = series.SelectMany(s => s.Points).Select(p => p.X).Distinct().Order()
                .Select(x => (Map(x), x.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))).ToList();
            ChartCanvas.CategoryTicks(plot, ticks);
        }

        ChartCanvas.LegendOutside(plot);
        ChartCanvas.Save(plot, path, widthPx, heightPx);
    }
}
