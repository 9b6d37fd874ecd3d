using System.Globalization;
using System.Text;
using LoopBench.Core;
using LoopBench.Core.Comparison;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Transports;

namespace LoopBench.Cli.Terminal;

/// <summary>
/// The kernel-side blocks under the summary table: knobs (requested, effective, why), the kernel
/// counters that moved over the window with their meaning, and the CPU cost. Each only when non-empty.
/// </summary>
internal static class SummaryKernel
{
    /// <summary>Most counter lines shown; the rest are in the JSON.</summary>
    public const int MaxCounterLines = 10;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // CPU time in whole (process) or tenth (thread) milliseconds: over a window of seconds, finer is /proc tick noise.
    private static readonly UnitScale CpuMs = UnitScale.Named(MetricUnitKind.Microseconds, "ms");
    private static readonly UnitScale ThreadMs = UnitScale.Named(MetricUnitKind.Nanoseconds, "ms");

    public static string Render(RepetitionResult repetition, bool verbose)
    {
        var text = new StringBuilder();
        var knobs = (repetition.Knobs ?? []).Where(k => verbose || k.Status != KnobStatus.Default).ToList();
        Block(text, "knobs", knobs.Select(k => $"{k.Side.ToId()} {k.Describe()}"));
        Block(text, "flows", SummaryFlows.Lines(repetition));
        if (repetition.KernelCounters is { Count: > 0 } counters)
        {
            // Trouble first (drops, errors, retransmits, squeezes), then by size: a handful of
            // RcvbufErrors must not hide behind a billion octets.
            var lines = counters.OrderByDescending(d => IsTrouble(d.Name)).ThenByDescending(d => Math.Abs(d.Delta)).ThenBy(d => d.Name, StringComparer.Ordinal)
                .Take(MaxCounterLines)
                .Select(d => string.Create(Invariant, $"{d.Name} {(d.Delta >= 0 ? "+" : string.Empty)}{d.Delta}  {d.Meaning}"))
                .ToList();
            if (counters.Count > MaxCounterLines)
            {
                lines.Add(string.Create(Invariant, $"… {counters.Count - MaxCounterLines} more in the JSON"));
            }

            if (repetition.KernelCountersScope is CountersScope.Host or CountersScope.HostWide)
            {
                lines.Add("(scope host: not a private namespace, so other traffic on lo is counted too)");
            }
            else if (repetition.KernelCountersScope == CountersScope.NetNs)
            {
                lines.Add("(scope netns: this case's private network namespace only)");
            }

            Block(text, "kernel", lines);
        }

        if (repetition.Cpu is { } cpu)
        {
            // In the unit compare shows the metric in: "0.0123 µs/KiB" keeps its significant digits.
            string demand = cpu.ServiceDemandUsPerTransaction is double perTransaction ? Demand(MetricIds.ServiceDemandUsPerTransaction, perTransaction)
                : cpu.ServiceDemandUsPerKiB is double perKiB ? Demand(MetricIds.ServiceDemandUsPerKiB, perKiB) : "no service demand (nothing moved)";
            var workers = cpu.Threads.Where(t => t.IsWorker).Select(t => string.Create(Invariant, $"{t.Name}{(t.ProcessId is int pid ? $" (child pid {pid})" : string.Empty)} {ThreadCpu(t)}"));
            Block(text, "cpu",
            [
                string.Create(Invariant,
                    $"process {CpuMs.Figure(cpu.ProcessUserUs + cpu.ProcessSystemUs, "0")} ({cpu.ProcessCpuPercentOfOneCore:0}% of one core; user {CpuMs.Figure(cpu.ProcessUserUs, "0")}, sys {CpuMs.Figure(cpu.ProcessSystemUs, "0")}), ")
                    + string.Create(Invariant,
                    $"system-wide user {cpu.SystemUserPercent:0}% sys {cpu.SystemSystemPercent:0}% softirq {cpu.SystemSoftirqPercent:0}% steal {cpu.SystemStealPercent:0}%; {demand}; harness {CpuMs.Figure(cpu.HarnessOverheadUs, "0")}"),
                $"per thread ({cpu.ThreadTimeSource ?? "stat-ticks"}): {string.Join(", ", workers)} ({cpu.Note})",
            ]);
        }

        if (repetition.Capture is { } capture)
        {
            Block(text, "capture", capture.Path is not null && capture.Reason is null
                ? [string.Create(Invariant, $"{capture.Outcome.ToId()}: {capture.Packets} packets (limit {capture.PacketLimit}), {capture.FileBytes} bytes in {capture.Path}"),
                   $"only the case's own: {capture.Filter}"]
                : [$"{capture.Outcome.ToId()}: {capture.Reason}"]);
        }

        return text.ToString();
    }

    /// <summary>A thread's CPU time at its recorded resolution: ns, or µs in older runs.</summary>
    private static string ThreadCpu(ThreadCpuResult thread) =>
        thread.CpuNs is long ns ? ThreadMs.Figure(ns, "0.0") : CpuMs.Figure(thread.CpuUs, "0.0");

    private static string Demand(string metric, double value) => FigureText.Of(value, MetricCatalog.UnitText(MetricCatalog.Find(metric)!));

    private static bool IsTrouble(string name) =>
        TroubleWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] TroubleWords = ["drop", "err", "retrans", "squeeze", "prune", "overflow", "lost", "collapse", "overlimit", "requeue"];

    private static void Block(StringBuilder text, string label, IEnumerable<string> lines)
    {
        bool first = true;
        foreach (string line in lines)
        {
            text.Append(first ? label.PadRight(9) : new string(' ', 9)).Append(line).Append('\n');
            first = false;
        }
    }
}
