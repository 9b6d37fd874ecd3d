using System.Text;

namespace LoopBench.Core.Results.Export;

/// <summary>
/// CSV, RFC 4180, invariant culture: one row per case, metric and repetition. Fixed columns carry
/// their unit in the header (elapsed_ns); the metric's unit is its own column, since one file holds
/// bit/s and ns side by side.
/// </summary>
internal static class CsvExporter
{
    /// <summary>The header line.</summary>
    public const string Header = "run_id,host,case_key,outcome,repetition,started_utc,elapsed_ns,interrupted,metric,unit,value";

    /// <summary>Renders <paramref name="run"/>.</summary>
    public static string Write(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var c in run.Cases)
        {
            foreach (var repetition in c.Repetitions)
            {
                foreach (var (metric, value) in repetition.Metrics.OrderBy(m => MetricCatalog.Order(m.Key)).ThenBy(m => m.Key, StringComparer.Ordinal))
                {
                    var info = MetricCatalog.Find(metric);
                    csv.Append(Field(run.RunId)).Append(',').Append(Field(run.Environment.Hostname)).Append(',')
                        .Append(Field(c.Key)).Append(',').Append(Field(c.Outcome.ToId())).Append(',')
                        .Append(repetition.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',')
                        .Append(repetition.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)).Append(',')
                        .Append(repetition.ElapsedNs.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',')
                        .Append(repetition.Interrupted ? "true" : "false").Append(',')
                        .Append(Field(metric)).Append(',').Append(Field(info is null ? "unknown" : MetricCatalog.UnitText(info))).Append(',')
                        .Append(ExportRow.Number(value)).Append('\n');
                }
            }
        }

        return csv.ToString();
    }

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
