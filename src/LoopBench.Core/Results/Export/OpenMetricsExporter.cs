using System.Text;

namespace LoopBench.Core.Results.Export;

/// <summary>
/// OpenMetrics text for Prometheus' node_exporter textfile collector: one gauge family per metric,
/// one sample per case with the case's knobs and sandbox settings as labels (transport, pattern,
/// engine, placement, sizes, congestion control, MTU, qdisc ...), plus host, scenario and
/// case_key, so Grafana can chart a fleet. The value is the median of the repetitions in
/// Prometheus base units: seconds, bytes, bytes per second, ratios 0..1. Ends with "# EOF".
/// </summary>
internal static class OpenMetricsExporter
{
    /// <summary>Prefix of every family.</summary>
    public const string Prefix = "loopbench_";

    /// <summary>The scenario label of a run that came from <c>loopbench quick</c>, which has no scenario file.</summary>
    public const string QuickScenario = "quick";

    /// <summary>Renders <paramref name="run"/> as OpenMetrics 1.0 text.</summary>
    public static string Write(RunResult run) => Render(run, openMetrics: true);

    /// <summary>
    /// Renders <paramref name="run"/> in the Prometheus text format 0.0.4, which the Pushgateway
    /// parses (it reads no OpenMetrics): no <c># UNIT</c>, no <c># EOF</c>, and help text escapes
    /// only backslash and newline.
    /// </summary>
    internal static string WriteText004(RunResult run) => Render(run, openMetrics: false);

    /// <summary>The run's scenario name, or <see cref="QuickScenario"/>.</summary>
    internal static string ScenarioOf(RunResult run) => string.IsNullOrEmpty(run.Scenario) ? QuickScenario : run.Scenario;

    private static string Render(RunResult run, bool openMetrics)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder();
        var env = run.Environment;
        string scenario = ScenarioOf(run);
        Family(text, Prefix + "run_info", null, "The run these figures come from.", openMetrics);
        text.Append(Prefix).Append("run_info{host=\"").Append(Escape(env.Hostname)).Append("\",scenario=\"").Append(Escape(scenario))
            .Append("\",run_id=\"").Append(Escape(run.RunId))
            .Append("\",kernel=\"").Append(Escape(env.Kernel)).Append("\",tool_version=\"").Append(Escape(run.Tool?.Version ?? "unknown"))
            .Append("\",tool_commit=\"").Append(Escape(run.Tool?.Commit ?? "unknown")).Append("\"} 1\n");
        foreach (var family in ExportRow.Of(run).GroupBy(r => r.Metric, StringComparer.Ordinal).OrderBy(g => MetricCatalog.Order(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = PrometheusName.Of(family.Key);
            string help = (family.First().Info?.Description ?? family.Key) + ", median of the repetitions"
                + (name.Converted is null ? "." : ", in " + name.Converted + ".");
            Family(text, name.Name, name.Unit, help, openMetrics);
            foreach (var row in family)
            {
                text.Append(name.Name).Append("{host=\"").Append(Escape(env.Hostname)).Append("\",scenario=\"").Append(Escape(scenario)).Append('"');
                foreach (var (label, value) in PrometheusLabels.Of(row.Case))
                {
                    text.Append(',').Append(label).Append("=\"").Append(Escape(value)).Append('"');
                }

                text.Append(",outcome=\"").Append(Escape(row.Case.Outcome.ToId())).Append("\",case_key=\"").Append(Escape(row.Case.Key)).Append("\"} ")
                    .Append(ExportRow.Number(row.Median / name.Divisor)).Append('\n');
            }
        }

        return openMetrics ? text.Append("# EOF\n").ToString() : text.ToString();
    }

    private static void Family(StringBuilder text, string name, string? unit, string help, bool openMetrics)
    {
        text.Append("# TYPE ").Append(name).Append(" gauge\n");
        if (unit is not null && openMetrics)
        {
            text.Append("# UNIT ").Append(name).Append(' ').Append(unit).Append('\n');
        }

        text.Append("# HELP ").Append(name).Append(' ').Append(openMetrics ? Escape(help) : EscapeHelp004(help)).Append('\n');
    }

    private static string Escape(string value) =>
        EscapeHelp004(value).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string EscapeHelp004(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
