using LoopBench.Core.Results;
using LoopBench.Plotting.Charts;
using ChartValues = LoopBench.Plotting.Charts.RepetitionValues;
using CoreValues = LoopBench.Core.Results.RepetitionValues;

namespace LoopBench.Plotting.Adapters;

/// <summary>The charts of one metric across the matrix: bars, sweep lines and raw repetitions.</summary>
internal static class MatrixCharts
{
    /// <summary>A sweep whose largest x is at least this many times its smallest gets a log2 axis (sizes, buffers).</summary>
    private const double LogXFromSpan = 16;

    public static void Bar(RunChartSource source, ChartRequest request, string path)
    {
        var (cases, axes, axis) = Select(source, request.Metric);
        // Groups along the axis with the most values, colours by the one with the fewest: 50 cases
        // become 25 groups of 2 colours, not 2 groups of 25.
        string? x = Axis(axes, request.X, "--x") ?? axes.Varying.OrderByDescending(axes.Count).FirstOrDefault();
        string? series = Axis(axes, request.Series, "--series") ?? axes.Varying.Where(v => v != x).OrderBy(axes.Count).FirstOrDefault();
        var groupAxes = new[] { x }.OfType<string>().Concat(axes.Varying.Where(v => v != x && v != series)).Distinct(StringComparer.Ordinal).ToList();
        var items = cases.Select(c => new BarItem(
            groupAxes.Count == 0 ? c.Key : axes.Describe(c.Key, groupAxes),
            series is null ? string.Empty : axes.Describe(c.Key, [series]),
            RunChartSource.Estimate(c, axis),
            Scaled(c, axis))).ToList();
        string xLabel = x is null ? "case" : string.Join(", ", groupAxes.Select(CaseAxes.Label));
        string what = series is null ? string.Empty : $" by {CaseAxes.Label(series)}";
        string spread = Spread(items.Select(i => i.Estimate), "CI", "; dots: repetitions");
        BarChart.Save(new ChartText(source.Title($"{Describe(axis)}{what} {spread}"), xLabel, axis.Label), items, path);
    }

    public static void Sweep(RunChartSource source, ChartRequest request, string path)
    {
        var (cases, axes, axis) = Select(source, request.Metric);
        string x = Axis(axes, request.X, "--x") ?? axes.NumericVarying.FirstOrDefault()
            ?? throw new ChartDataException($"no numeric parameter varies across the cases, so there is nothing to sweep; varying: {List(axes.Varying)}; use --chart bar");
        if (!axes.IsNumeric(x))
        {
            throw new ChartDataException($"--x {x}: not numeric in every case; numeric varying parameters: {List(axes.NumericVarying)}");
        }

        string? chosen = Axis(axes, request.Series, "--series");
        var others = new[] { chosen }.OfType<string>().Concat(axes.Varying.Where(v => v != x)).Distinct(StringComparer.Ordinal).ToList();
        var series = cases.GroupBy(c => others.Count == 0 ? axis.Metric : axes.Describe(c.Key, others), StringComparer.Ordinal)
            .Select(g => new SweepSeries(g.Key, g.Select(c => new SweepPoint(axes.Number(c.Key, x), RunChartSource.Estimate(c, axis))).ToList()))
            .ToList();
        var xs = cases.Select(c => axes.Number(c.Key, x)).ToList();
        if (xs.Distinct().Count() < 2)
        {
            throw new ChartDataException(OneValue(axes, x, cases[0].Key));
        }

        bool logX = xs.Min() > 0 && xs.Max() / xs.Min() >= LogXFromSpan;
        string xLabel = CaseAxes.Label(x) + (logX ? ", log scale" : string.Empty);
        string spread = Spread(series.SelectMany(s => s.Points.Select(p => p.Estimate)), "CI band");
        SweepChart.Save(new ChartText(source.Title($"{Describe(axis)} vs {CaseAxes.Label(x)} {spread}"), xLabel, axis.Label), series, path, logX);
    }

    public static void Repetitions(RunChartSource source, ChartRequest request, string path)
    {
        var (cases, axes, axis) = Select(source, request.Metric);
        var values = cases.Select(c => new ChartValues(axes.Describe(c.Key, axes.Varying), Scaled(c, axis))).ToList();
        int n = cases.Sum(c => CoreValues.Of(c, axis.Metric).Count);
        RepetitionsChart.Save(new ChartText(source.Title($"{Describe(axis)}, {n} repetitions (box: quartiles)"), "case", axis.Label), values, path);
    }

    private static (IReadOnlyList<CaseResult> Cases, CaseAxes Axes, MetricAxis Axis) Select(RunChartSource source, string? requested)
    {
        string metric = source.Metric(requested);
        var cases = Drawn(source, metric);
        ChartCanvas.RequireData(cases.Count > 0, $"no case has metric '{metric}'");
        return (cases, CaseAxes.Of(cases.Select(c => c.Key)), RunChartSource.Axis(cases, metric));
    }

    /// <summary>What a matrix chart of <paramref name="requested"/> leaves out, and how to draw it; null when it draws every case.</summary>
    public static string? LeftOut(RunChartSource source, string? requested)
    {
        string metric = source.Metric(requested);
        var drawn = Drawn(source, metric);
        var left = source.Cases.Where(c => !drawn.Contains(c)).ToList();
        if (left.Count == 0)
        {
            return null;
        }

        var theirs = left.Select(PrimaryOf).OfType<string>().Where(m => m != metric).Distinct(StringComparer.Ordinal).Select(m => "--metric " + m).ToList();
        string how = theirs.Count > 0 ? $"; draw them with {string.Join(" or ", theirs)}" : string.Empty;
        return $"{left.Count} of {source.Cases.Count} cases are not in this chart: {metric} is not their main figure{how}";
    }

    // A run of stream and rr cases: throughput is the stream cases' figure; the rr cases'
    // few Mbit/s beside them would only flatten the chart. Cases whose primary metric this is
    // are drawn when there are any.
    private static IReadOnlyList<CaseResult> Drawn(RunChartSource source, string metric)
    {
        var all = source.With(metric);
        var primary = all.Where(c => PrimaryOf(c) == metric).ToList();
        return primary.Count > 0 ? primary : all;
    }

    private static string? PrimaryOf(CaseResult c) => PrimaryMetric.Of(c);

    /// <summary>Each repetition's value of the axis' metric, in the axis' unit.</summary>
    private static List<double> Scaled(CaseResult c, MetricAxis axis) => CoreValues.Of(c, axis.Metric).Select(v => v * axis.Factor).ToList();

    /// <summary>The key's name for a requested parameter; throws listing the valid ones.</summary>
    private static string? Axis(CaseAxes axes, string? requested, string flag)
    {
        if (requested is null)
        {
            return null;
        }

        string name = CaseAxes.Canonical(requested);
        return axes.Has(name)
            ? name
            : throw new ChartDataException($"{flag} {requested}: no such parameter in these cases; valid: {List(axes.Names)} (varying: {List(axes.Varying)})");
    }

    /// <summary>Why a sweep of one x value is refused, and what draws the cases instead.</summary>
    private static string OneValue(CaseAxes axes, string x, string key)
    {
        var others = axes.NumericVarying.Where(v => v != x).Select(v => "--x " + v).ToList();
        string instead = others.Count > 0 ? string.Join(" or ", others) : $"a run whose matrix gives {x} two or more values";
        return $"sweep of {x}: every case drawn has {x}={axes.Value(key, x)}, and one value is not a sweep; draw them with --chart bar, or sweep with {instead}";
    }

    private static string Describe(MetricAxis axis) => MetricAxis.Short(axis.Metric);

    private static string List(IEnumerable<string> names)
    {
        string text = string.Join(", ", names);
        return text.Length == 0 ? "none" : text;
    }

    /// <summary>"(median, CI)" when some estimate has an interval, else says why none is drawn.</summary>
    private static string Spread(IEnumerable<Estimate> estimates, string what, string more = "") =>
        estimates.Any(e => e.Lower is not null && e.Upper is not null)
            ? $"(median, 95% {what}{more})"
            : $"(median; too few repetitions for a CI{more})";
}
