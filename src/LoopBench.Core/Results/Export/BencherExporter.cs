using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoopBench.Core.Results.Export;

/// <summary>
/// Bencher Metric Format (BMF): { benchmark: { measure: { value, lower_value, upper_value } } }.
/// The benchmark is the case key, the measure the metric id in kebab-case (its unit in the name:
/// "rtt-p50-ns", "service-demand-us-per-kib"); value is the median of the repetitions, the bounds
/// the confidence interval of the median that run.json stores (95 %, or the level --until-ci asked
/// for) where the case has one (6 repetitions or more), else the repetitions' minimum and maximum.
/// </summary>
internal static class BencherExporter
{
    /// <summary>Renders <paramref name="run"/>.</summary>
    public static string Write(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var root = new JsonObject();
        foreach (var row in ExportRow.Of(run))
        {
            if (root[row.Case.Key] is not JsonObject benchmark)
            {
                benchmark = new JsonObject();
                root[row.Case.Key] = benchmark;
            }

            var range = row.Range;
            benchmark[Measure(row.Metric)] = new JsonObject
            {
                ["value"] = row.Median,
                ["lower_value"] = range.Lower,
                ["upper_value"] = range.Upper,
            };
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>The measure of a metric id: kebab-case, with "KiB" kept one word ("service-demand-us-per-kib", not "…-ki-b").</summary>
    internal static string Measure(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return JsonNamingPolicy.KebabCaseLower.ConvertName(metric.Replace("KiB", "Kib", StringComparison.Ordinal));
    }
}
