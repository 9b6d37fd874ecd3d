using System.Globalization;
using LoopBench.Core;
using LoopBench.Core.Comparison;
using LoopBench.Core.Results;
using LoopBench.Plotting.Adapters;
using LoopBench.Plotting.Charts;
using RepetitionValues = LoopBench.Core.Results.RepetitionValues;

namespace LoopBench.Plotting.Report;

/// <summary>
/// The whole report of a run as one self-contained HTML page: environment, scenario, summary
/// table, every applicable chart, and the comparison verdicts and chart when a baseline is given.
/// </summary>
internal static class RunReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // A host's memory in GiB to one decimal, as free -g and /proc/meminfo readers think of it.
    private static readonly UnitScale Memory = UnitScale.Named(MetricUnitKind.Bytes, "GiB");

    /// <summary>Builds the page; charts are rendered in a scratch directory and embedded.</summary>
    public static string Build(RunResult run, ComparisonReport? comparison = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var html = new HtmlReportBuilder($"LoopBench report: {run.Scenario ?? "run"} {run.RunId}");
        Environment(html, run.Environment, run);
        Scenario(html, run);
        Summary(html, run);
        string scratch = Directory.CreateTempSubdirectory("loopbench-report-").FullName;
        try
        {
            Charts(html, run, scratch);
            StampsSection.Write(html, run, scratch);
            ScenarioAbSection.Write(html, run, scratch);
            if (comparison is not null)
            {
                ComparisonSection.Write(html, comparison, run, scratch);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        return html.Build();
    }

    private static void Environment(HtmlReportBuilder html, EnvironmentInfo e, RunResult run)
    {
        html.Heading("Environment");
        var rows = new List<IReadOnlyList<string>>
        {
            Row("host", e.Hostname), Row("kernel", e.Kernel), Row("os", e.Os), Row("cpu", e.CpuModel),
            Row("logical cpus", Text(e.LogicalCpus)), Row("allowed cpus", string.Join(",", e.AllowedCpus)),
            Row("memory", Memory.Figure(e.MemoryBytes, "0.0")), Row("runtime", e.Runtime),
            Row("gc", $"server={e.ServerGc}, concurrent={e.ConcurrentGc}"),
            Row("congestion control", $"{e.CongestionControlDefault} (available: {string.Join(" ", e.CongestionControlAvailable)})"),
            Row("lo", $"mtu={e.LoMtuBytes?.ToString(Invariant) ?? "?"} txqueuelen={e.LoTxQueueLen?.ToString(Invariant) ?? "?"} qdisc={e.LoQdisc ?? "?"}"),
            Row("cpu governor", e.CpuGovernor ?? "?"), Row("clocksource", e.Clocksource ?? "?"), Row("virtualization", e.Virtualization ?? "?"),
            Row("tool", $"{run.Tool.Name} {run.Tool.Version}{(run.Tool.Commit is null ? string.Empty : " " + run.Tool.Commit)}"),
        };
        rows.AddRange(e.Sysctls.Select(s => Row(s.Key, s.Value)));
        html.Table(["field", "value"], rows);
    }

    private static void Scenario(HtmlReportBuilder html, RunResult run)
    {
        html.Heading("Scenario");
        var rows = new List<IReadOnlyList<string>>
        {
            Row("scenario", run.Scenario ?? "(quick run)"), Row("file", run.ScenarioFile ?? "-"), Row("label", run.Label ?? "-"),
            Row("run id", run.RunId), Row("status", run.Status?.ToId() ?? "-"),
            Row("started", run.StartedUtc?.ToString("u", Invariant) ?? "-"), Row("cases", Text(run.Cases.Count)),
        };
        if (run.Settings is { } s)
        {
            rows.Add(Row("repetitions", Text(s.Repetitions) + (s.Quick ? " (quick: indicative)" : string.Empty)));
            rows.Add(Row("seed", Text(s.Seed)));
            rows.Add(Row("timeout", Text(s.TimeoutMs) + " ms"));
            if (s.UntilCiLevel is double level)
            {
                rows.Add(Row("until-ci", string.Create(Invariant, $"{level * 100:0.#}% CI narrower than {s.UntilCiWidthPercent:0.##}% of the median, max {s.MaxRepetitions} repetitions")));
            }

            rows.Add(Row("filters", s.Filters.Count == 0 ? "-" : string.Join(", ", s.Filters)));
            rows.Add(Row("overrides", s.Overrides.Count == 0 ? "-" : string.Join(", ", s.Overrides)));
        }

        html.Table(["setting", "value"], rows);
    }

    private static void Summary(HtmlReportBuilder html, RunResult run)
    {
        html.Heading("Summary");
        if (!run.Cases.Any(c => c.Outcome.IsUsable() && c.Repetitions.Count > 0))
        {
            html.Paragraph($"No case passed in this run ({run.Cases.Count} cases), so there is nothing to plot. Outcomes and reasons:");
        }

        var rows = run.Cases.Select(c =>
        {
            string? metric = PrimaryMetric.Of(c);
            var values = metric is null ? [] : RepetitionValues.Of(c, metric);
            if (metric is null || values.Count == 0)
            {
                return (IReadOnlyList<string>)[c.Key, c.Outcome.ToId(), "-", "-", "-", "-", .. LatencyColumns.Cells(c), Text(c.Repetitions.Count), c.Reason ?? string.Empty];
            }

            var s = RunChartSource.Summary(c, metric);
            string unit = MetricCatalog.Find(metric) is { } info ? MetricUnits.Text(info.Unit) : string.Empty;
            string ci = s.CiLower is double lo && s.CiUpper is double hi ? $"[{FigureText.Of(lo, unit)}, {FigureText.Of(hi, unit)}]" : "-";
            string flags = string.Join(", ", new[] { c.Noisy ? "noisy" : null, c.Indicative ? "indicative" : null, c.Reason }.OfType<string>());
            return [c.Key, c.Outcome.ToId(), metric, FigureText.Of(s.Median, unit), ci, s.CvPercent.ToString("0.0", Invariant), .. LatencyColumns.Cells(c), Text(s.Count), flags];
        });
        // Latency beside the rate for rr-like cases (medians over repetitions); stream rows leave those cells empty.
        html.Table(["case", "outcome", "metric", "median", "95% CI of median", "CV %", .. LatencyColumns.Headers, "reps", "notes"], rows);

        // What summary.md lists under Warnings: why a case is noisy (a placement that varied), a --max-reps stop.
        var warnings = run.Cases.SelectMany(c => (c.Warnings ?? []).Select(w => (IReadOnlyList<string>)[c.Key, w])).ToList();
        if (warnings.Count > 0)
        {
            html.Heading("Warnings");
            html.Table(["case", "warning"], warnings);
        }
    }

    private static void Charts(HtmlReportBuilder html, RunResult run, string scratch)
    {
        var charts = RunCharts.Applicable(run);
        if (charts.Count == 0)
        {
            return;
        }

        html.Heading("Charts");
        for (int i = 0; i < charts.Count; i++)
        {
            string path = Path.Combine(scratch, $"chart{i}.png");
            try
            {
                RunCharts.Render(run, charts[i].Request, path);
                html.Image(File.ReadAllBytes(path), charts[i].Caption);
            }
            catch (ChartDataException ex)
            {
                html.Paragraph($"{charts[i].Caption}: not drawn: {ex.Message}");
            }
        }
    }

    private static IReadOnlyList<string> Row(string name, string value) => [name, value];

    private static string Text(long value) => value.ToString(Invariant);
}
