using System.Text;
using LoopBench.Core.Comparison;
using ScottPlot;

namespace LoopBench.Plotting.Charts;

/// <summary>Shared look, label wrapping and saving for every chart.</summary>
internal static class ChartCanvas
{
    /// <summary>Default image size in pixels; wide enough for 50 rotated case labels.</summary>
    public const int DefaultWidthPx = 1200;

    /// <summary>Default image height in pixels.</summary>
    public const int DefaultHeightPx = 650;

    /// <summary>Longest label line before it wraps.</summary>
    private const int WrapColumns = 18;

    /// <summary>Longest title line that fits the default width at 16 pt.</summary>
    private const int TitleColumns = 100;

    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    public static Plot Create(ChartText text)
    {
        var plot = new Plot();
        // A title longer than the image is wide breaks before the host part (" — on …"), and any
        // part still too long breaks between words.
        var parts = text.Title.Length > TitleColumns ? text.Title.Split(" — ") : [text.Title];
        plot.Title(string.Join("\n", parts.SelectMany(p => WrapWords(p, TitleColumns))), 16);
        plot.XLabel(text.XLabel, 14);
        plot.YLabel(text.YLabel, 14);
        return plot;
    }

    public static Color ColorOf(int index) => Palette.GetColor(index);

    /// <summary>Lines of at most <paramref name="columns"/> characters, broken at spaces (a longer word stays whole).</summary>
    internal static IEnumerable<string> WrapWords(string text, int columns)
    {
        var line = new System.Text.StringBuilder();
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > columns)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    public static Color VerdictColor(Verdict verdict) => verdict switch
    {
        Verdict.Regression => Colors.Crimson,
        Verdict.Improvement => Colors.ForestGreen,
        Verdict.Inconclusive => Colors.Orange,
        _ => Colors.SlateGray,
    };

    /// <summary>Wraps a long label on spaces so that 50 cases stay readable.</summary>
    public static string Wrap(string label)
    {
        var text = new StringBuilder();
        int column = 0;
        foreach (string word in label.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (column > 0 && column + word.Length + 1 > WrapColumns)
            {
                text.Append('\n');
                column = 0;
            }
            else if (column > 0)
            {
                text.Append(' ');
                column++;
            }

            text.Append(word);
            column += word.Length;
        }

        return text.ToString();
    }

    /// <summary>Category labels on the bottom axis; rotated when there are many.</summary>
    public static void CategoryTicks(Plot plot, IReadOnlyList<(double Position, string Label)> ticks)
    {
        // Many labels are rotated on one line each, with room below the axis for the longest; few are wrapped.
        bool rotate = ticks.Count > 8;
        var generator = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in ticks)
        {
            generator.AddMajor(position, rotate ? label : Wrap(label));
        }

        plot.Axes.Bottom.TickGenerator = generator;
        if (rotate)
        {
            int longest = ticks.Max(t => t.Label.Length);
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = Math.Min(320, 20 + (longest * 7 * 0.72f)); // ~7 px a character at 12 pt, × sin 45°
        }
    }

    /// <summary>Puts the legend outside the data area, on the right, so it never covers a point.</summary>
    public static void LegendOutside(Plot plot) => plot.ShowLegend(Edge.Right);

    /// <summary>Fails instead of saving an empty chart.</summary>
    public static void RequireData(bool any, string what)
    {
        if (!any)
        {
            throw new ChartDataException($"nothing to plot: {what}");
        }
    }

    /// <summary>Saves as SVG for a .svg path, PNG otherwise.</summary>
    public static void Save(Plot plot, string path, int widthPx, int heightPx)
    {
        ArgumentNullException.ThrowIfNull(path);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
        {
            plot.SaveSvg(path, widthPx, heightPx);
        }
        else
        {
            plot.SavePng(path, widthPx, heightPx);
        }
    }
}
