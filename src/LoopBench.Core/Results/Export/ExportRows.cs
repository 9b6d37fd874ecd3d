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

    public string Unit => Info is null ? "unknown" : MetricCatalog.UnitText(Info.Unit);

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
