using ScottPlot;

namespace LoopBench.Plotting.Charts;

/// <summary>Box plot of the raw repetitions per case with every repetition drawn as a point, so noise is visible.</summary>
internal static class RepetitionsChart
{
    /// <summary>Renders to PNG or SVG by the path's extension.</summary>
    public static void Save(ChartText text, IReadOnlyList<RepetitionValues> cases, string path,
        int widthPx = ChartCanvas.DefaultWidthPx, int heightPx = ChartCanvas.DefaultHeightPx)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(cases);
        var present = cases.Where(c => c.Values.Count > 0).ToList();
        ChartCanvas.RequireData(present.Count > 0, "no repetitions");
        var plot = ChartCanvas.Create(text);
        var boxes = new List<Box>();
        for (int i = 0; i < present.Count; i++)
        {
            double[] sorted = present[i].Values.Order().ToArray();
            boxes.Add(new Box
            {
                Position = i,
                BoxMin = Quartile(sorted, 0.25),
                BoxMax = Quartile(sorted, 0.75),
                BoxMiddle = Quartile(sorted, 0.5),
                WhiskerMin = sorted[0],
                WhiskerMax = sorted[^1],
                FillColor = ChartCanvas.ColorOf(0).WithAlpha(0.3),
            });
        }

        plot.Add.Boxes(boxes);

        // The points go on top of the boxes, so every repetition stays visible.
        for (int i = 0; i < present.Count; i++)
        {
            double[] sorted = present[i].Values.Order().ToArray();
            double[] xs = sorted.Select((_, k) => i + (((k % 5) - 2) * 0.04)).ToArray(); // small fixed jitter
            plot.Add.Markers(xs, sorted, MarkerShape.FilledCircle, 7, Colors.Black);
        }

        ChartCanvas.CategoryTicks(plot, present.Select((c, i) => ((double)i, c.Label)).ToList());
        ChartCanvas.Save(plot, path, widthPx, heightPx);
    }

    /// <summary>Linear-interpolation quantile (type 7) of sorted values.</summary>
    internal static double Quartile(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
