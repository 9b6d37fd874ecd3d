using LoopBench.Core.Comparison;
using LoopBench.Plotting.Charts;
using SkiaSharp;

namespace LoopBench.Tests.Plotting;

/// <summary>
/// Each chart kind renders fixture data to PNG and SVG (the recipes of ScottPlot's cookbook). The
/// PNG is checked for its size and for not being blank; pixels are never compared. Files are left
/// in the test output folder for review.
/// </summary>
[Collection(RenderingCollection.Name)]
public sealed class ChartTests
{
    private static readonly ChartText Text = new("throughput per transport on host (6.1.0)", "message size (B)", "throughput (Gbit/s)");
    private static readonly string OutDir = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "charts")).FullName;

    public static IEnumerable<TheoryDataRow<string>> Kinds() =>
        ["bar", "bar50", "sweep", "percentiles", "cdf", "timeseries", "comparison", "reps"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryChart_RendersANonBlankPngAndAnSvg(string kind)
    {
        string png = Path.Combine(OutDir, kind + ".png");
        string svg = Path.Combine(OutDir, kind + ".svg");
        Render(kind, png);
        Render(kind, svg);

        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(ChartCanvasWidth, bitmap.Width);
        Assert.True(bitmap.Height >= 600);
        Assert.True(DistinctColors(bitmap) > 20, $"{kind}: looks blank");
        Assert.True(new FileInfo(png).Length > 10_000);
        string svgText = File.ReadAllText(svg);
        Assert.Contains("<svg", svgText, StringComparison.Ordinal);
        Assert.Contains("on host", svgText, StringComparison.Ordinal); // the title: what, and on which host
    }

    [Fact]
    public void EmptyInput_IsAClearError_NotAnEmptyImage()
    {
        string path = Path.Combine(OutDir, "empty.png");
        File.Delete(path);
        var ex = Assert.Throws<ChartDataException>(() => BarChart.Save(Text, [], path));
        Assert.Contains("nothing to plot", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.Throws<ChartDataException>(() => LatencyCharts.SavePercentiles(Text, [new LatencyDistribution("x", [])], path));
    }

    [Fact]
    public void StampsChart_RendersOneStackedBarPerCase()
    {
        string png = Path.Combine(OutDir, "stamps.png");
        StampsChart.Save(
            [new StampsRow("tcp4 rr 64 B split", [1.0, 0.3, 3.1, 0.3, 0.9, 0.3, 3.9]), new StampsRow("udp4 rr 64 B split", [1.1, 0.1, 2.8, 0.1, 0.9, 0.1, 3.6])],
            ["client send", "request stack", "server wake", "server turnaround", "server send", "response stack", "client wake"], png);
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(ChartCanvasWidth, bitmap.Width);
        Assert.True(DistinctColors(bitmap) > 20, "stamps: looks blank");
        Assert.Throws<ChartDataException>(() => StampsChart.Save([], ["x"], png));
    }

    [Fact]
    public void BarChart_DrawsADotPerRepetition_OverItsBar()
    {
        string plain = Path.Combine(OutDir, "bar-plain.svg");
        string dotted = Path.Combine(OutDir, "bar-dots.svg");
        BarItem[] items = [new("tcp4", string.Empty, new Estimate(51.6)), new("unix-stream", string.Empty, new Estimate(76.5))];
        BarChart.Save(Text, items, plain);
        BarChart.Save(Text, [items[0] with { Repetitions = [50.3, 51.6, 54.4] }, items[1] with { Repetitions = [76.5, 71.7] }], dotted);

        // Each dot is a black disc under a white one: two ellipses per repetition.
        Assert.Equal(2 * 5, Ellipses(dotted) - Ellipses(plain));
    }

    [Fact]
    public void Quartiles_UseLinearInterpolation() =>
        Assert.Equal(2.5, RepetitionsChart.Quartile([1, 2, 3, 4], 0.5));

    private const int ChartCanvasWidth = 1200;

    private static void Render(string kind, string path)
    {
        var random = new Random(12345);
        switch (kind)
        {
            case "bar":
                BarChart.Save(Text, [.. from g in new[] { "64", "1024", "65536" } from s in new[] { "tcp4", "tcp6", "unix-stream" }
                    select new BarItem(g, s, Around(random, 10 + g.Length))], path);
                break;
            case "bar50":
                BarChart.Save(Text, [.. Enumerable.Range(0, 50).Select(i => new BarItem($"tcp4 stream blocking unpinned len={1 << (i % 16)} case {i}", string.Empty, Around(random, 20)))], path);
                break;
            case "sweep":
                SweepChart.Save(Text with { XLabel = "lo MTU (B)" }, [.. new[] { "tcp4", "udp4" }.Select(n => new SweepSeries(n,
                    [.. new[] { 1500, 9000, 16384, 65536 }.Select(m => new SweepPoint(m, Around(random, Math.Log2(m))))]))], path, logX: true);
                break;
            case "percentiles":
            case "cdf":
                var cases = new[] { ("same-cpu", 13_000L), ("split", 60_000L) }
                    .Select(c => new LatencyDistribution(c.Item1, Buckets(random, c.Item2))).ToList();
                if (kind == "cdf")
                {
                    LatencyCharts.SaveCdf(Text with { XLabel = "round trip (µs)", YLabel = "fraction ≤ x" }, cases, path);
                }
                else
                {
                    LatencyCharts.SavePercentiles(Text with { XLabel = "percentile", YLabel = "round trip (µs)" }, cases, path);
                }

                break;
            case "timeseries":
                TimeSeriesChart.Save(Text with { XLabel = "time since T0 (s)" }, [.. Enumerable.Range(0, 4).Select(f => new TimeSeries($"flow {f}",
                    [.. Enumerable.Range(1, 10).Select(t => ((double)t, 8 + random.NextDouble() * 4))], f == 1 ? [3.0, 7.0] : null))], path);
                break;
            case "comparison":
                ComparisonChart.Save(Text with { XLabel = "candidate / baseline", YLabel = "case" }, [
                    new("tcp4 stream", new Estimate(0.7, 0.65, 0.75), Verdict.Regression),
                    new("tcp6 stream", new Estimate(1.01, 0.97, 1.04), Verdict.NoChange),
                    new("unix-stream rr", new Estimate(1.2, 1.15, 1.26), Verdict.Improvement),
                    new("udp4 stream", new Estimate(0.95, 0.80, 1.10), Verdict.Inconclusive)], path);
                break;
            case "reps":
                RepetitionsChart.Save(Text, [.. new[] { "tcp4", "tcp6", "unix-stream" }.Select(l => new RepetitionValues(l,
                    [.. Enumerable.Range(0, 10).Select(_ => 30 + random.NextDouble() * 10)]))], path);
                break;
        }
    }

    private static Estimate Around(Random random, double value) =>
        new(value, value * (0.9 + random.NextDouble() * 0.05), value * (1.05 + random.NextDouble() * 0.05));

    private static List<long[]> Buckets(Random random, long centreNs)
    {
        var h = new LoopBench.Core.Measurement.LatencyHistogram();
        for (int i = 0; i < 20_000; i++)
        {
            h.Record((long)(centreNs * Math.Exp(random.NextDouble() * random.NextDouble() * 3)));
        }

        return [.. h.NonEmptyBuckets().Select(b => new[] { b.LowerNs, b.WidthNs, b.Count })];
    }

    private static int Ellipses(string svg) =>
        System.Text.RegularExpressions.Regex.Count(File.ReadAllText(svg), "<ellipse");

    private static int DistinctColors(SKBitmap bitmap)
    {
        var colors = new HashSet<uint>();
        for (int y = 0; y < bitmap.Height; y += 3)
        {
            for (int x = 0; x < bitmap.Width; x += 3)
            {
                colors.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        return colors.Count;
    }
}
