using LoopBench.Core.Results;
using LoopBench.Plotting.Charts;

namespace LoopBench.Plotting.Adapters;

/// <summary>
/// From a run document to a chart file: picks the cases, the metric and the axes (defaults from the
/// matrix), turns the stored figures into chart inputs and renders. Reads results only.
/// </summary>
internal static class RunCharts
{
    /// <summary>Most lines a latency or time-series chart draws before it says it left some out.</summary>
    internal const int MaxLines = 12;

    /// <summary>Renders <paramref name="request"/> of <paramref name="run"/> to <paramref name="path"/> (.png or .svg); returns the kind drawn.</summary>
    /// <exception cref="ChartDataException">Unknown metric, no passing case, or nothing this chart can draw.</exception>
    public static ChartKind Render(RunResult run, ChartRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = RunChartSource.Of(run, request.CaseFragment);
        var kind = KindFor(source, request);
        switch (kind)
        {
            case ChartKind.Bar:
                MatrixCharts.Bar(source, request, path);
                break;
            case ChartKind.Sweep:
                MatrixCharts.Sweep(source, request, path);
                break;
            case ChartKind.Reps:
                MatrixCharts.Repetitions(source, request, path);
                break;
            case ChartKind.Percentiles:
            case ChartKind.Cdf:
                LatencyAdapter.Render(source, kind, path);
                break;
            case ChartKind.Timeseries:
                TimeSeriesAdapter.Render(source, request, path);
                break;
            default:
                throw new ChartDataException($"unknown chart {(int)kind}; valid: {string.Join(", ", ChartRequest.Kinds)}");
        }

        return kind;
    }

    /// <summary>
    /// Every chart that applies to <paramref name="run"/>, for the report: per primary metric the
    /// matrix chart (sweep or bar) and the repetitions; latency percentiles and CDF where histograms
    /// exist; the time series where intervals exist. Empty when no case passed.
    /// </summary>
    public static IReadOnlyList<(ChartRequest Request, string Caption)> Applicable(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        RunChartSource source;
        try
        {
            source = RunChartSource.Of(run);
        }
        catch (ChartDataException)
        {
            return [];
        }

        var charts = new List<(ChartRequest, string)>();
        var primaries = source.Cases.Select(c => PrimaryMetric.Of(c)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (string metric in primaries)
        {
            var request = new ChartRequest(Metric: metric);
            var kind = DefaultKind(source, request);
            charts.Add((request with { Kind = kind }, $"{metric}: {(kind == ChartKind.Sweep ? "against the swept parameter, median with its confidence band" : "median per case with its confidence interval")}"));
            charts.Add((request with { Kind = ChartKind.Reps }, $"{metric}: every repetition, so the noise is visible"));
            if (source.Cases.Any(c => c.Repetitions.Any(r => r.Intervals.Count > 0)))
            {
                charts.Add((request with { Kind = ChartKind.Timeseries }, $"{metric}: rate per interval over the window, first repetition of each case"));
            }
        }

        if (source.Cases.Any(c => c.Repetitions.Any(r => r.LatencyBuckets is { Count: > 0 })))
        {
            charts.Add((new ChartRequest(ChartKind.Percentiles), "latency by percentile (HdrHistogram style), all repetitions merged"));
            charts.Add((new ChartRequest(ChartKind.Cdf), "latency CDF, all repetitions merged"));
        }

        return charts;
    }

    /// <summary>The kind <see cref="Render"/> draws for <paramref name="request"/>: the one asked for, or the matrix's default.</summary>
    public static ChartKind KindFor(RunResult run, ChartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return KindFor(RunChartSource.Of(run, request.CaseFragment), request);
    }

    /// <summary>
    /// For the matrix charts (bar, sweep, reps): the cases left out because the metric is not their
    /// main figure (rr cases beside stream ones), and the --metric that draws them; else null.
    /// </summary>
    public static string? LeftOut(RunResult run, ChartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = RunChartSource.Of(run, request.CaseFragment);
        return KindFor(source, request) is ChartKind.Bar or ChartKind.Sweep or ChartKind.Reps ? MatrixCharts.LeftOut(source, request.Metric) : null;
    }

    private static ChartKind KindFor(RunChartSource source, ChartRequest request) => request.Kind ?? DefaultKind(source, request);

    /// <summary>Sweep when a varying axis is numeric (or --x names a numeric one), else bar.</summary>
    internal static ChartKind DefaultKind(RunChartSource source, ChartRequest request)
    {
        string metric = source.Metric(request.Metric);
        var axes = CaseAxes.Of(source.With(metric).Select(c => c.Key));
        return request.X is string x
            ? axes.IsNumeric(CaseAxes.Canonical(x)) && axes.Varying.Contains(CaseAxes.Canonical(x)) ? ChartKind.Sweep : ChartKind.Bar
            : axes.NumericVarying.Count > 0 ? ChartKind.Sweep : ChartKind.Bar;
    }
}
