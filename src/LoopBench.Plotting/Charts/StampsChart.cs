using LoopBench.Core;
using ScottPlot;

namespace LoopBench.Plotting.Charts;

/// <summary>One case's round trip split into its timestamped parts: the parts' p50s, in µs.</summary>
/// <param name="Case">The case's label.</param>
/// <param name="PartsUs">The parts in round-trip order, µs.</param>
internal sealed record StampsRow(string Case, IReadOnlyList<double> PartsUs);

/// <summary>Where a round trip's time goes: one stacked horizontal bar per case, a colour per part.</summary>
internal static class StampsChart
{
    /// <summary>The unit of <see cref="StampsRow.PartsUs"/> and the axis: parts of a loopback round trip are microseconds.</summary>
    public static readonly UnitScale Unit = UnitScale.Named(MetricUnitKind.Nanoseconds, "µs");

    /// <summary>Renders to PNG or SVG by the path's extension; <paramref name="parts"/> names the segments in order.</summary>
    public static void Save(IReadOnlyList<StampsRow> rows, IReadOnlyList<string> parts, string path, int widthPx = ChartCanvas.DefaultWidthPx)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(parts);
        ChartCanvas.RequireData(rows.Count > 0, "no case with timestamps");
        var plot = ChartCanvas.Create(new ChartText("Where the round trip goes (p50 of each part)", Unit.Unit, string.Empty));
        var bars = new List<Bar>();
        var generator = new ScottPlot.TickGenerators.NumericManual();
        for (int r = 0; r < rows.Count; r++)
        {
            double position = rows.Count - 1 - r;
            double start = 0;
            for (int p = 0; p < rows[r].PartsUs.Count; p++)
            {
                double end = start + rows[r].PartsUs[p];
                bars.Add(new Bar { Position = position, ValueBase = start, Value = end, Size = 0.6, FillColor = ChartCanvas.ColorOf(p), Orientation = Orientation.Horizontal });
                start = end;
            }

            generator.AddMajor(position, ChartCanvas.Wrap(rows[r].Case));
        }

        plot.Add.Bars(bars);
        plot.Axes.Left.TickGenerator = generator;
        for (int p = 0; p < parts.Count; p++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = parts[p], FillColor = ChartCanvas.ColorOf(p) });
        }

        ChartCanvas.LegendOutside(plot);
        plot.Axes.Margins(left: 0);
        ChartCanvas.Save(plot, path, widthPx, 140 + (rows.Count * 40));
    }
}
