using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoopBench.Core.Results.Export;

/// <summary>
/// Bencher Metric Format (BMF): { benchmark: { measure: { value, lower_value, upper_value } } }.
/// The benchmark is the case key, the measure the metric id in kebab-case; value is the median of
/// the repetitions, the bounds their minimum and maximum.
/// </summary>
public static class BencherExporter
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

            benchmark[JsonNamingPolicy.KebabCaseLower.ConvertName(row.Metric)] = new JsonObject
            {
                ["value"] = row.Median,
                ["lower_value"] = row.Min,
                ["upper_value"] = row.Max,
            };
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
