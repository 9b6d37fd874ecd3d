using System.Globalization;
using System.Text;
using LoopBench.Core.Measurement;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Results;

/// <summary>summary.md: one Markdown table of every case's primary metric (and round-trip percentiles for rr-like cases), for people and CI job summaries.</summary>
internal static class RunSummary
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly UnitScale Gbits = UnitScale.Named(MetricUnitKind.BitsPerSecond, "Gbit/s");

    /// <summary>
    /// Renders the run as Markdown (invariant culture). <paramref name="sections"/> adds sections
    /// after the table that layers above Results write (the A/B verdicts of a <c>compare:</c> block).
    /// </summary>
    public static string Render(RunResult run, Func<RunResult, string>? sections = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var md = new StringBuilder();
        md.Append(Invariant, $"# LoopBench run {run.RunId}\n\n");
        md.Append(Invariant, $"- scenario: {run.Scenario ?? "-"} ({run.ScenarioFile ?? "-"})\n");
        md.Append(Invariant, $"- status: {run.Status?.ToId() ?? "-"}\n");
        if (run.Label is not null)
        {
            md.Append(Invariant, $"- label: {run.Label}\n");
        }

        if (run.Settings is { } s)
        {
            md.Append(Invariant, $"- repetitions: {s.Repetitions}{(s.Quick ? " (--quick: indicative)" : string.Empty)}, seed {s.Seed}\n");
        }

        var e = run.Environment;
        md.Append(Invariant, $"- host: {e.Hostname}, {e.Os}, kernel {e.Kernel}, {e.CpuModel} × {e.LogicalCpus}\n");
        md.Append(Invariant, $"- tool: loopbench {run.Tool.Version}{(run.Tool.Commit is null ? string.Empty : " (" + run.Tool.Commit + ")")}\n");
        if (CongestionControls(run) is string cc)
        {
            md.Append("- TCP congestion control, read back from the sockets: ").Append(cc).Append('\n');
        }

        md.Append('\n');
        // Latency beside the rate for rr-like cases; stream rows leave those cells empty.
        md.Append("| case | outcome | reps | metric | median | 95% CI of median | CV % | ")
            .AppendJoin(" | ", LatencyColumns.Headers).Append(" | flags |\n");
        md.Append("|---|---|---:|---|---:|---|---:|---:|---:|---:|---|\n");
        foreach (var c in run.Cases)
        {
            MetricSummary? m = c.PrimaryMetric is string p && c.Summaries?.TryGetValue(p, out var found) == true ? found : null;
            string ci = m?.CiLower is double lo && m.CiUpper is double hi ? $"{Format(c.PrimaryMetric!, lo)} – {Format(c.PrimaryMetric!, hi)}" : "-";
            var flags = new List<string>();
            if (c.Noisy)
            {
                flags.Add("noisy");
            }

            if (c.Indicative)
            {
                flags.Add("indicative");
            }

            md.Append(Invariant, $"| `{c.Key}` | {c.Outcome.ToId()} | {c.Repetitions.Count} | {Unit(c.PrimaryMetric)} | ")
                .Append(m is null ? "-" : Format(c.PrimaryMetric!, m.Median)).Append(" | ").Append(ci).Append(" | ")
                .Append(m is null ? "-" : m.CvPercent.ToString("0.0", Invariant)).Append(" | ")
                .AppendJoin(" | ", LatencyColumns.Cells(c)).Append(" | ")
                .Append(string.Join(", ", flags)).Append(" |\n");
        }

        md.Append(sections?.Invoke(run));
        var warnings = run.Cases.SelectMany(c => (c.Warnings ?? []).Select(w => $"- `{c.Key}`: {w}")).ToList();
        if (warnings.Count > 0)
        {
            md.Append("\n## Warnings\n\n").AppendJoin('\n', warnings).Append('\n');
        }

        // GC or JIT inside a window is the harness's noise, not the kernel's: one line per case it touched.
        var notes = run.Cases
            .Select(c => (c.Key, Runtime: RuntimeNotes.Describe(c.Repetitions.Select(r => r.Runtime).ToList())))
            .Where(n => n.Runtime is not null)
            .Select(n => $"- `{n.Key}`: runtime: {n.Runtime}")
            .ToList();
        if (notes.Count > 0)
        {
            md.Append("\n## Notes\n\n").AppendJoin('\n', notes).Append('\n');
        }

        int exact = run.Cases.Count(c => c.PrimaryMetric is string p && c.Summaries?.GetValueOrDefault(p)?.CiEstimator == Statistics.OrderStatisticsCiEstimator);
        md.Append(Invariant, $"\nCI: {Statistics.MedianCiEstimator}")
            .Append(exact == 0 ? string.Empty : string.Create(Invariant,
                $"; in {exact} case{(exact == 1 ? string.Empty : "s")}, whose interval reached past the data, exact {Statistics.OrderStatisticsCiEstimator} instead"))
            .Append(Invariant, $". Noisy: CV above {Statistics.NoisyCvPercent:0} %. ")
            .Append(Invariant, $"Indicative: fewer than {RunAssembler.MinRepetitionsForVerdict} repetitions.\n");
        return md.ToString();
    }

    /// <summary>
    /// What the TCP cases' sockets ran (a key shows <c>congestion</c> only where a case asked for one, so the
    /// host's default, bbr on many hosts, would be invisible here): "bbr", or "cubic (2 cases), bbr (1 case)";
    /// null without TCP cases or read-backs.
    /// </summary>
    private static string? CongestionControls(RunResult run)
    {
        var byName = run.Cases
            .Where(c => c.Case.Transport.IsTcp())
            .SelectMany(c => c.Repetitions.Select(r => r.Socket?.CongestionControl).OfType<string>().Distinct(StringComparer.Ordinal))
            .GroupBy(name => name, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        return byName.Count switch
        {
            0 => null,
            1 => byName[0].Key,
            _ => string.Join(", ", byName.Select(g => string.Create(Invariant, $"{g.Key} ({g.Count()} case{(g.Count() == 1 ? string.Empty : "s")})"))),
        };
    }

    /// <summary>The metric with the unit the table shows it in.</summary>
    public static string Unit(string? metric) => metric switch
    {
        null => "-",
        _ when Column(metric) is { } unit => metric + " (" + unit.Unit + ")",
        _ => metric,
    };

    /// <summary>The unit the table shows <paramref name="metric"/> in (Gbit/s, µs), or null for a plain count or rate.</summary>
    public static string? UnitText(string metric) => Column(metric)?.Unit;

    /// <summary>A value in the unit of <see cref="Unit"/>.</summary>
    public static string Format(string metric, double value) =>
        Column(metric) is { } unit ? unit.Number(value) : value.ToString("0.#", Invariant);

    /// <summary>
    /// One fixed unit a column of rates or times, named in the metric column (Gbit/s, µs), so rows compare
    /// at a glance; by the id's unit suffix, so an id this build does not know still reads in its unit.
    /// </summary>
    private static UnitScale? Column(string metric) => metric switch
    {
        _ when metric.EndsWith("BitsPerSecond", StringComparison.Ordinal) => Gbits,
        _ when metric.EndsWith("Ns", StringComparison.Ordinal) => LatencyColumns.Unit,
        _ => null,
    };
}
