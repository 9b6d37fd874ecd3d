using LoopBench.Core;
using LoopBench.Core.Comparison;
using LoopBench.Core.Results;
using LoopBench.Plotting.Adapters;
using LoopBench.Plotting.Charts;
using SkiaSharp;

namespace LoopBench.Tests.Plotting;

/// <summary>
/// Every chart drawn from fixture run documents through the adapters: the file exists, has the
/// expected size and is not blank (distinct colours, bytes); pixels are never compared. The
/// images stay in the test output folder (charts/runs/) for review.
/// </summary>
[Collection(RenderingCollection.Name)]
public sealed class RunChartsTests
{
    private static readonly string OutDir = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "charts", "runs")).FullName;

    public static IEnumerable<TheoryDataRow<string, string>> Recipes() =>
    [
        new("sweep", "sweep"), new("bar", "sweep"), new("reps", "sweep"), new("timeseries", "sweep"),
        new("bar", "placements"), new("percentiles", "placements"), new("cdf", "placements"), new("timeseries", "placements"),
        new("bar", "fifty"), new("reps", "fifty"),
    ];

    [Theory]
    [MemberData(nameof(Recipes))]
    public void Render_FixtureRun_GivesANonBlankImageOfTheExpectedSize(string kind, string fixture)
    {
        var run = Fixture(fixture);
        string png = Path.Combine(OutDir, $"{fixture}-{kind}.png");
        Assert.Equal(kind, RunCharts.Render(run, new ChartRequest(Kind(kind)), png).ToId());
        AssertNotBlank(png, minHeight: fixture == "fifty" && kind == "bar" ? 1000 : 600);

        string svg = Path.ChangeExtension(png, ".svg");
        RunCharts.Render(run, new ChartRequest(Kind(kind)), svg);
        string text = File.ReadAllText(svg);
        Assert.Contains("<svg", text, StringComparison.Ordinal);
        Assert.Contains("on bench-1 (Linux 6.1.0-test)", text, StringComparison.Ordinal); // the title names the host
    }

    [Fact]
    public void Comparison_FromTheCompareEngine_RendersColouredByVerdict()
    {
        var baseline = PlotFixtures.SizeSweep("20261123T100000Z-base");
        var candidate = PlotFixtures.SizeSweep("20261123T100500Z-cand", factor: 0.8, seed: 999);
        var report = CaseComparer.Compare(baseline, candidate, new ComparisonOptions());
        Assert.True(report.HasRegression);
        string png = Path.Combine(OutDir, "comparison.png");
        ComparisonAdapter.Render(report, candidate, png);
        AssertNotBlank(png, minHeight: 600);
    }

    [Fact]
    public void DefaultKind_NumericAxisSweeps_CategoricalAxesBar()
    {
        var sweep = PlotFixtures.SizeSweep();
        Assert.Equal(ChartKind.Sweep, RunCharts.Render(sweep, new ChartRequest(), Path.Combine(OutDir, "default-sweep.png")));
        Assert.Equal(ChartKind.Bar, RunCharts.Render(PlotFixtures.Placements(), new ChartRequest(), Path.Combine(OutDir, "default-bar.png")));
        Assert.Equal(ChartKind.Bar, RunCharts.Render(sweep, new ChartRequest(X: "transport"), Path.Combine(OutDir, "default-bar-x.png")));
        Assert.Equal(ChartKind.Sweep, RunCharts.Render(sweep, new ChartRequest(X: "length", Series: "transport"), Path.Combine(OutDir, "default-sweep-alias.png")));
    }

    [Fact]
    public void Axes_LeaveOutParametersThatFollowFromAnother()
    {
        var keys = PlotFixtures.SizeSweep().Cases.Select(c => c.Key);
        var axes = CaseAxes.Of(keys);
        Assert.Equal(["transport", "len"], axes.Varying); // bind and nodelay follow from the transport
        Assert.Equal(["len"], axes.NumericVarying);
        Assert.Equal("len", CaseAxes.Canonical("length"));
        Assert.Equal(0.5, CaseAxes.Of(["tcp4 stream blocking unpinned t=0.5s", "tcp4 stream blocking unpinned t=2s"]).Number("tcp4 stream blocking unpinned t=0.5s", "t"));
    }

    [Fact]
    public void Axes_OfTransportByPattern_AreJustThoseTwo()
    {
        string[] keys =
        [
            "tcp4 stream blocking unpinned bind=127.0.0.1 len=131072 nodelay=off t=0.5s",
            "tcp4 rr blocking unpinned bind=127.0.0.1 req=64 resp=64 nodelay=on t=0.5s",
            "unix-stream stream blocking unpinned len=131072 t=0.5s",
            "unix-stream rr blocking unpinned req=64 resp=64 t=0.5s",
        ];
        Assert.Equal(["transport", "pattern"], CaseAxes.Of(keys).Varying); // nodelay follows from the two together
    }

    [Fact]
    public void Axes_ASwitchTheKeyNamesOnlyWhenOn_ReadsOffWhenAbsent()
    {
        string[] keys =
        [
            "tcp4 rr blocking split bind=127.0.0.1 req=64 resp=64 nodelay=on t=2s",
            "tcp4 rr blocking split bind=127.0.0.1 spin=on req=64 resp=64 nodelay=on t=2s",
            "unix-stream rr blocking split req=64 resp=64 t=2s",
            "unix-stream rr blocking split spin=on req=64 resp=64 t=2s",
        ];
        var axes = CaseAxes.Of(keys);

        Assert.Equal(["transport", "spin"], axes.Varying);
        Assert.Equal("tcp4 spin=off", axes.Describe(keys[0], ["transport", "spin"]));
        Assert.Equal("on", axes.Value(keys[3], "spin"));
        Assert.Equal("-", axes.Value(keys[2], "bind")); // not a switch: absent stays "-"
    }

    [Fact]
    public void Percentiles_MergeTheBucketsOfEveryRepetition()
    {
        var c = PlotFixtures.Placements().Cases[0];
        var merged = LatencyAdapter.Merge(c);
        Assert.Equal(c.Repetitions.Sum(r => r.LatencyBuckets!.Sum(b => b[2])), merged.Sum(b => b[2]));
        Assert.Equal(merged.Select(b => b[0]).Order(), merged.Select(b => b[0]));
    }

    [Theory]
    [InlineData("bar", "nope", "metric 'nope' is not in this run; valid: throughputBitsPerSecond")]
    [InlineData("percentiles", null, "no case recorded a latency histogram")]
    [InlineData("sweep", "bytes", null)]
    public void BadRequest_IsAClearError_AndWritesNothing(string kind, string? metric, string? expected)
    {
        string path = Path.Combine(OutDir, $"bad-{kind}.png");
        File.Delete(path);
        var request = new ChartRequest(Kind(kind), metric);
        if (expected is null)
        {
            RunCharts.Render(PlotFixtures.SizeSweep(), request, path); // a stored metric other than the primary one works
            Assert.True(File.Exists(path));
            return;
        }

        var ex = Assert.Throws<ChartDataException>(() => RunCharts.Render(PlotFixtures.SizeSweep(), request, path));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void NoPassingCase_IsAClearError_NotAnEmptyImage()
    {
        string path = Path.Combine(OutDir, "none.png");
        File.Delete(path);
        var ex = Assert.Throws<ChartDataException>(() => RunCharts.Render(PlotFixtures.NonePassed(), new ChartRequest(), path));
        Assert.Contains("has no passing case (1 cases: 1 failed:setup)", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.Empty(RunCharts.Applicable(PlotFixtures.NonePassed()));
    }

    [Fact]
    public void SweepOnCategoricalAxes_SaysWhatVaries()
    {
        var ex = Assert.Throws<ChartDataException>(() => RunCharts.Render(PlotFixtures.Placements(), new ChartRequest(ChartKind.Sweep), Path.Combine(OutDir, "x.png")));
        Assert.Contains("varying: transport, placement", ex.Message, StringComparison.Ordinal);
    }

    internal static RunResult Fixture(string name) => name switch
    {
        "placements" => PlotFixtures.Placements(),
        "fifty" => PlotFixtures.Fifty(),
        _ => PlotFixtures.SizeSweep(),
    };

    /// <summary>The recipes name charts by id, as <c>--chart</c> does.</summary>
    private static ChartKind Kind(string id) => EnumIds.TryParse(id, out ChartKind kind) ? kind : throw new ArgumentException(id, nameof(id));

    internal static void AssertNotBlank(string png, int minHeight)
    {
        Assert.True(File.Exists(png), png);
        Assert.True(new FileInfo(png).Length > 10_000, $"{png}: suspiciously small");
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(1200, bitmap.Width);
        Assert.True(bitmap.Height >= minHeight, $"{png}: height {bitmap.Height} < {minHeight}");
        var colors = new HashSet<uint>();
        for (int y = 0; y < bitmap.Height; y += 3)
        {
            for (int x = 0; x < bitmap.Width; x += 3)
            {
                colors.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        Assert.True(colors.Count > 20, $"{png}: looks blank ({colors.Count} colours)");
    }
}
