using System.Text.Json;
using LoopBench.Core.Results;

namespace LoopBench.Core.Comparison;

/// <summary>The comparison as JSON, with the same naming rules as run.json (camelCase, kebab-case ids).</summary>
internal static class JsonReportWriter
{
    /// <summary>Renders <paramref name="report"/>.</summary>
    public static string Write(ComparisonReport report) => JsonSerializer.Serialize(report, ResultJson.Options) + "\n";
}
