using System.Globalization;

namespace LoopBench.Core.Results.Export;

/// <summary>What the exporters share: per case and metric, the median and range of the repetitions, and the case's parameters.</summary>
/// <param name="Case">The case.</param>
/// <param name="Metric">Metric id.</param>
/// <param name="Info">Catalogue entry, or null for an id this build does not know.</param>
/// <param name="Values">Per-repetition values.</param>
internal sealed record ExportRow(CaseResult Case, string Metric, MetricInfo? Info, IReadOnlyList<double> Values)
{
    public double Median => RepetitionValues.Median(Values);

    public double Min => Values.Min();

    public double Max => Values.Max();

    /// <summary>The full unit, e.g. "ns" or "us/KiB"; "unknown" for an id this build does not know.</summary>
    public string Unit => Info is null ? "unknown" : MetricCatalog.UnitText(Info);

    /// <summary>
    /// The bounds the exporters put around the median: the stored confidence interval of the median
    /// where the case's summary has one over these repetitions, else their minimum and maximum.
    /// </summary>
    public ExportRange Range => MedianInterval.Stored(Case, Metric, Values.Count) is { } ci
        ? new ExportRange(ci.Lower, ci.Upper, string.Create(CultureInfo.InvariantCulture, $"{ci.Level * 100:0.#}% CI of the median"))
        : new ExportRange(Min, Max, ExportRange.MinMax);

    /// <summary>Every case and metric with at least one value, in case then catalogue order.</summary>
    public static IEnumerable<ExportRow> Of(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var c in run.Cases)
        {
            foreach (string metric in RepetitionValues.MetricsOf(c))
            {
                var values = RepetitionValues.Of(c, metric);
                if (values.Count > 0)
                {
                    yield return new ExportRow(c, metric, MetricCatalog.Find(metric), values);
                }
            }
        }
    }

    /// <summary>Invariant round-trip text of a figure.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
