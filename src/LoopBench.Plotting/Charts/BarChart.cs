using ScottPlot;

namespace LoopBench.Plotting.Charts;

/// <summary>
/// A metric per case as bars with confidence-interval whiskers, grouped by one matrix axis (x) and
/// coloured by another (e.g. throughput per transport, grouped by message size).
/// </summary>
internal static class BarChart
{
    /// <summary>Above this many groups the bars run horizontally, one label per row.</summary>
    private const int HorizontalFromGroups = 8;

    /// <summary>Renders to PNG or SVG by the path's extension.</summary>
    public static void Save(ChartText text, IReadOnlyList<BarItem> items, string path,
        int widthPx = ChartCanvas.DefaultWidthPx, int heightPx = ChartCanvas.DefaultHeightPx)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(items);
        ChartCanvas.RequireData(items.Count > 0, "no bars");
        var groups = items.Select(i => i.Group).Distinct().ToList();
        var series = items.Select(i => i.Series).Distinct().ToList();

        // Many groups: horizontal bars, one case label per row, so 50 cases stay readable.
        bool horizontal = groups.Count > HorizontalFromGroups;
        var plot = ChartCanvas.Create(horizontal ? text with { XLabel = text.YLabel, YLabel = text.XLabel } : text);
        double slot = 0.8 / series.Count;
        var bars = new List<Bar>();
        foreach (var item in items)
        {
            int g = groups.IndexOf(item.Group);
            int s = series.IndexOf(item.Series);
            double position = (horizontal ? groups.Count - 1 - g : g) - 0.4 + (slot * (s + 0.5));
            bars.Add(new Bar
            {
                Position = position,
                Value = item.Estimate.Value,
                Size = slot * 0.9,
                FillColor = ChartCanvas.ColorOf(s),
                Orientation = horizontal ? Orientation.Horizontal : Orientation.Vertical,
            });
        }

        plot.Add.Bars(bars);
        for (int i = 0; i < items.Count; i++)
        {
            ErrorWhiskers.Add(plot, bars[i].Position, items[i].Estimate, slot * 0.2, horizontal); // drawn over the bars
            Dots(plot, bars[i].Position, items[i].Repetitions, slot * 0.25, horizontal);
        }

        var ticks = groups.Select((g, i) => ((double)(horizontal ? groups.Count - 1 - i : i), g)).ToList();
        if (horizontal)
        {
            var generator = new ScottPlot.TickGenerators.NumericManual();
            foreach (var (position, label) in ticks)
            {
                generator.AddMajor(position, label);
            }

            plot.Axes.Left.TickGenerator = generator;
            heightPx = Math.Max(heightPx, 140 + (groups.Count * Math.Max(series.Count, 1) * 22));
        }
        else
        {
            ChartCanvas.CategoryTicks(plot, ticks);
        }

        if (series.Count > 1 || !string.IsNullOrEmpty(series[0]))
        {
            for (int s = 0; s < series.Count; s++)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s], FillColor = ChartCanvas.ColorOf(s) });
            }

            ChartCanvas.LegendOutside(plot);
        }

        if (horizontal)
        {
            plot.Axes.Margins(left: 0);
        }
        else
        {
            plot.Axes.Margins(bottom: 0);
        }

        ChartCanvas.Save(plot, path, widthPx, heightPx);
    }

    /// <summary>
    /// A dot per repetition across the bar, spread over <paramref name="halfWidth"/> in run order, so a
    /// median of three that hides a 27–50 Gbit/s spread shows it.
    /// </summary>
    private static void Dots(Plot plot, double position, IReadOnlyList<double>? values, double halfWidth, bool horizontal)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }

        double step = values.Count > 1 ? 2 * halfWidth / (values.Count - 1) : 0;
        double[] across = values.Select((_, k) => position - (values.Count > 1 ? halfWidth : 0) + (k * step)).ToArray();
        double[] along = [.. values];
        var (xs, ys) = horizontal ? (along, across) : (across, along);
        plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 9, Colors.Black); // a white dot in a black ring: seen on the bar and beside it
        plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 5, Colors.White);
    }
}
