using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoopBench.Core.Results.Export;

/// <summary>
/// github-action-benchmark's custom tool input: a JSON array of {name, unit, value, range, extra}.
/// The action takes one direction per file (tool: customBiggerIsBetter or customSmallerIsBetter),
/// so each direction is its own document. Value is the median of the repetitions; range is the
/// largest distance from it to a bound of the confidence interval of the median that run.json
/// stores (95 %, or the level --until-ci asked for), or, without one (fewer than 6 repetitions,
/// quick runs), to the smallest or largest repetition; extra names which bounds they are and gives both. Only metrics compare judges are exported.
/// </summary>
internal static class GithubActionBenchmarkExporter
{
    /// <summary>Renders the metrics of <paramref name="run"/> whose better direction is <paramref name="better"/>.</summary>
    public static string Write(RunResult run, BetterDirection better)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entries = new JsonArray();
        foreach (var row in ExportRow.Of(run).Where(r => r.Info is { Compared: true } info && info.Better == better))
        {
            var range = row.Range;
            double spread = Math.Max(range.Upper - row.Median, row.Median - range.Lower);
            entries.Add(new JsonObject
            {
                ["name"] = row.Case.Key + " | " + row.Metric,
                ["unit"] = row.Unit,
                ["value"] = row.Median,
                ["range"] = "± " + ExportRow.Number(spread),
                ["extra"] = string.Create(CultureInfo.InvariantCulture, $"median of {row.Values.Count} repetitions; range: {range.Kind} [{ExportRow.Number(range.Lower)}, {ExportRow.Number(range.Upper)}]; run {run.RunId} on {run.Environment.Hostname}, kernel {run.Environment.Kernel}"),
            });
        }

        return entries.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
