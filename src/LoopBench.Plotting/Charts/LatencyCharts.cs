using System.Globalization;
using LoopBench.Core;

namespace LoopBench.Plotting.Charts;

/// <summary>
/// Latency distributions from histogram buckets: the HdrHistogram-style percentile chart, with the
/// percentile on a log "nines" axis (x = −log10(1 − q), so 90% → 1, 99.9% → 3), and a CDF with
/// latency on a log axis. One line per case.
/// </summary>
internal static class LatencyCharts
{
    /// <summary>The latency axis's unit: a 13 µs median and a 10 ms tail both read on one log axis of µs.</summary>
    public static readonly UnitScale Unit = UnitScale.Named(MetricUnitKind.Nanoseconds, "µs");

    /// <summary>Floor of the log latency axis: 1 ns (a bucket cannot be faster than the clock).</summary>
    private static readonly double MinLatencyUs = Unit.Scale(1);

    /// <summary>Renders the percentile ("nines") chart.</summary>
    public static void SavePercentiles(ChartText text, IReadOnlyList<LatencyDistribution> cases, string path,
        int widthPx = ChartCanvas.DefaultWidthPx, int heightPx = ChartCanvas.DefaultHeightPx)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(cases);
        var curves = cases.Select(c => (c.Name, Points: Cumulative(c.Buckets))).Where(c => c.Points.Count > 1).ToList();
        ChartCanvas.RequireData(curves.Count > 0, "no latency histogram with at least two buckets");
        var plot = ChartCanvas.Create(text);
        double maxNines = 1, minLogUs = double.MaxValue, maxLogUs = double.MinValue;
        for (int i = 0; i < curves.Count; i++)
        {
            // q = 1 is infinitely many nines: the last bucket is drawn at 1 − 1/(2n) instead.
            long n = curves[i].Points[^1].Count;
            var points = curves[i].Points.Select(p => (Nines: -Math.Log10(Math.Max(1.0 - ((double)p.Count / n), 0.5 / n)), Us: Unit.Scale(p.UpperNs))).ToArray();
            maxNines = Math.Max(maxNines, points[^1].Nines);
            // Latency on a log axis: a 13 µs median and a 10 ms tail both stay readable.
            minLogUs = Math.Min(minLogUs, Math.Log10(Math.Max(points[0].Us, MinLatencyUs)));
            maxLogUs = Math.Max(maxLogUs, Math.Log10(Math.Max(points[^1].Us, MinLatencyUs)));
            var line = plot.Add.ScatterLine(points.Select(p => p.Nines).ToArray(), points.Select(p => Math.Log10(Math.Max(p.Us, MinLatencyUs))).ToArray(), ChartCanvas.ColorOf(i));
            line.LegendText = curves[i].Name;
            line.LineWidth = 2;
        }

        var ticks = new List<(double, string)>();
        for (int nines = 0; nines <= Math.Ceiling(maxNines); nines++)
        {
            ticks.Add((nines, nines == 0 ? "0%" : (100 * (1 - Math.Pow(10, -nines))).ToString("0.#####", CultureInfo.InvariantCulture) + "%"));
        }

        var generator = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in ticks)
        {
            generator.AddMajor(position, label);
        }

        plot.Axes.Bottom.TickGenerator = generator;
        plot.Axes.Left.TickGenerator = Decades(minLogUs, maxLogUs);
        ChartCanvas.LegendOutside(plot);
        ChartCanvas.Save(plot, path, widthPx, heightPx);
    }

    /// <summary>Ticks at powers of ten of a log10 axis, labelled with the value.</summary>
    private static ScottPlot.TickGenerators.NumericManual Decades(double minLog, double maxLog)
    {
        var generator = new ScottPlot.TickGenerators.NumericManual();
        for (int decade = (int)Math.Floor(minLog); decade <= (int)Math.Ceiling(maxLog); decade++)
        {
            generator.AddMajor(decade, Math.Pow(10, decade).ToString("0.###", CultureInfo.InvariantCulture));
        }

        return generator;
    }

    /// <summary>Renders the CDF: fraction of round trips at or below a latency (log axis).</summary>
    public static void SaveCdf(ChartText text, IReadOnlyList<LatencyDistribution> cases, string path,
        int widthPx = ChartCanvas.DefaultWidthPx, int heightPx = ChartCanvas.DefaultHeightPx)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(cases);
        var curves = cases.Select(c => (c.Name, Points: Cumulative(c.Buckets))).Where(c => c.Points.Count > 0).ToList();
        ChartCanvas.RequireData(curves.Count > 0, "no latency histogram");
        var plot = ChartCanvas.Create(text);
        double minLog = double.MaxValue, maxLog = double.MinValue;
        for (int i = 0; i < curves.Count; i++)
        {
            long n = curves[i].Points[^1].Count;
            double[] xs = curves[i].Points.Select(p => Math.Log10(Unit.Scale(Math.Max(p.UpperNs, 1)))).ToArray();
            double[] ys = curves[i].Points.Select(p => (double)p.Count / n).ToArray();
            minLog = Math.Min(minLog, xs[0]);
            maxLog = Math.Max(maxLog, xs[^1]);
            var line = plot.Add.ScatterLine(xs, ys, ChartCanvas.ColorOf(i));
            line.LegendText = curves[i].Name;
            line.LineWidth = 2;
            line.ConnectStyle = ScottPlot.ConnectStyle.StepHorizontal;
        }

        plot.Axes.Bottom.TickGenerator = Decades(minLog, maxLog);
        plot.Axes.SetLimitsY(0, 1.02);
        ChartCanvas.LegendOutside(plot);
        ChartCanvas.Save(plot, path, widthPx, heightPx);
    }

    /// <summary>(upper bound ns, cumulative count) per bucket.</summary>
    internal static List<(double UpperNs, long Count)> Cumulative(IReadOnlyList<long[]> buckets)
    {
        var points = new List<(double, long)>(buckets.Count);
        long seen = 0;
        foreach (var bucket in buckets)
        {
            seen += bucket[2];
            points.Add((bucket[0] + bucket[1], seen));
        }

        return points;
    }
}
