using System.Text;
using System.Text.Json;

namespace LoopBench.Core.Results.Export;

/// <summary>
/// OpenMetrics text for Prometheus' node_exporter textfile collector: one gauge family per metric,
/// one sample per case with the case parameters as labels (transport, pattern, placement, sizes
/// ...), plus host and case_key, so Grafana can chart a fleet. The value is the median of the
/// repetitions, in Prometheus base units (ns become seconds). Ends with "# EOF".
/// </summary>
public static class OpenMetricsExporter
{
    /// <summary>Prefix of every family.</summary>
    public const string Prefix = "loopbench_";

    /// <summary>Renders <paramref name="run"/>.</summary>
    public static string Write(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder();
        var env = run.Environment;
        text.Append("# TYPE ").Append(Prefix).Append("run_info gauge\n")
            .Append("# HELP ").Append(Prefix).Append("run_info The run these figures come from.\n")
            .Append(Prefix).Append("run_info{host=\"").Append(Escape(env.Hostname)).Append("\",run_id=\"").Append(Escape(run.RunId))
            .Append("\",kernel=\"").Append(Escape(env.Kernel)).Append("\",tool_version=\"").Append(Escape(run.Tool?.Version ?? "unknown"))
            .Append("\",tool_commit=\"").Append(Escape(run.Tool?.Commit ?? "unknown")).Append("\"} 1\n");
        foreach (var family in ExportRow.Of(run).GroupBy(r => r.Metric, StringComparer.Ordinal).OrderBy(g => MetricCatalog.Order(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var (name, unit, divisor) = NameOf(family.Key);
            text.Append("# TYPE ").Append(name).Append(" gauge\n");
            if (unit is not null)
            {
                text.Append("# UNIT ").Append(name).Append(' ').Append(unit).Append('\n');
            }

            text.Append("# HELP ").Append(name).Append(' ').Append(Escape(family.First().Info?.Description ?? family.Key)).Append(", median of the repetitions.\n");
            foreach (var row in family)
            {
                text.Append(name).Append("{host=\"").Append(Escape(env.Hostname)).Append('"');
                foreach (var (label, value) in ExportRow.Parameters(row.Case))
                {
                    text.Append(',').Append(label).Append("=\"").Append(Escape(value)).Append('"');
                }

                text.Append(",outcome=\"").Append(Escape(row.Case.Outcome.ToId())).Append("\",case_key=\"").Append(Escape(row.Case.Key)).Append("\"} ")
                    .Append(ExportRow.Number(row.Median / divisor)).Append('\n');
            }
        }

        return text.Append("# EOF\n").ToString();
    }

    /// <summary>The family name, its OpenMetrics unit (when the name ends with it) and the divisor to base units.</summary>
    internal static (string Name, string? Unit, double Divisor) NameOf(string metric)
    {
        string snake = JsonNamingPolicy.SnakeCaseLower.ConvertName(metric);
        if (snake.EndsWith("_ns", StringComparison.Ordinal))
        {
            return (Prefix + snake[..^3] + "_seconds", "seconds", 1e9); // divide: 21000 / 1e9 prints 2.1E-05, × 1e-9 does not
        }

        if (snake.EndsWith("_bytes", StringComparison.Ordinal))
        {
            return (Prefix + snake, "bytes", 1);
        }

        return (Prefix + snake, null, 1);
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
