using System.Globalization;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// processes: 2: folds the server child's final report into the repetition's figures: its end's
/// CPU, pid and placement, its window, and the rate of the end it ran over that window.
/// </summary>
/// <remarks>
/// Each window is read by its own process's Stopwatch (CLOCK_MONOTONIC, one clock per host), so the
/// child's T0 and T1 differ from the parent's by the control pipe's latency: tens of µs on a quiet
/// host, up to a scheduler slice (ms) when the ends keep every CPU busy. Both windows have the same
/// length to within the difference of the two lags, which <see cref="ServerChildResult"/> records:
/// over a seconds-long window that is of order 1e-5 of a rate on a quiet host (1e-3 at worst on a
/// saturated one), and each end's figure is over its own window, as in one process.
/// </remarks>
internal static class ChildServerFigures
{
    /// <summary>
    /// The repetition's figures with the child's (<paramref name="report"/>, null when it never came)
    /// for the end <paramref name="standIn"/> stood in for: a stream receiver's throughput, a reverse
    /// sender's sent throughput, each over the child's own window.
    /// </summary>
    public static RepetitionResult Amend(
        RepetitionResult result, MeasureWindow window, WorkloadEnd? standIn, ServerEndMessage? report, int pid, int? serverCpu)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(window);
        string name = standIn?.Name ?? string.Empty;
        var ends = result.Ends.Select(e => e.Name == name
            ? e with { CpuRequested = serverCpu, CpusObserved = report?.CpusObserved ?? [], ProcessId = pid, RunQueueWaitNs = report?.RunQueueWaitNs, Timeslices = report?.Timeslices }
            : e).ToArray();
        if (report is not { Kind: ServerEndMessage.Result, T0Ticks: long t0, T1Ticks: long t1 })
        {
            return result with { Ends = ends, ServerChild = new ServerChildResult(pid, 0, 0, 0, 0, 0) };
        }

        long elapsedNs = Timestamps.ToNs(t1 - t0);
        var metrics = new SortedDictionary<string, double>(result.Metrics, StringComparer.Ordinal);
        var flows = result.Flows;
        double seconds = elapsedNs / 1e9;
        if (standIn!.Direction == EndDirection.Receive && seconds > 0)
        {
            metrics[MetricIds.ThroughputBitsPerSecond] = metrics[MetricIds.Bytes] * 8 / seconds;
            flows = flows?.Select(f => f.Flow == standIn.Flow ? f with { ThroughputBitsPerSecond = f.Bytes * 8 / seconds } : f).ToList();
        }
        else if (standIn.Direction == EndDirection.Send && seconds > 0)
        {
            metrics[MetricIds.SentThroughputBitsPerSecond] = metrics[MetricIds.SentBytes] * 8 / seconds;
            metrics[MetricIds.MessagesPerSecond] = metrics[MetricIds.Messages] / seconds;
        }

        var child = new ServerChildResult(
            pid, elapsedNs, Timestamps.ToNs(t0 - window.T0Ticks), Timestamps.ToNs(t1 - window.T1Ticks),
            report.ProcessUserUs ?? 0, report.ProcessSystemUs ?? 0);
        return result with { Ends = ends, Metrics = metrics, Flows = flows, ServerChild = child, Cpu = WithChild(result.Cpu, name, report, child, metrics) };
    }

    /// <summary>Per-thread CPU names the child's server thread; process CPU is the parent's and the child's together, as one process's covers both ends.</summary>
    private static CpuResult? WithChild(CpuResult? cpu, string name, ServerEndMessage report, ServerChildResult child, SortedDictionary<string, double> metrics)
    {
        if (cpu is null)
        {
            return null;
        }

        var threads = cpu.Threads.Where(t => !(t.IsWorker && t.Name == name)).ToList();
        if (report.ThreadCpuNs is long ns)
        {
            threads.Add(new ThreadCpuResult(report.ThreadId ?? 0, name, true, ns / 1000) { CpuNs = ns, ProcessId = child.Pid });
        }

        long user = cpu.ProcessUserUs + child.ProcessUserUs;
        long system = cpu.ProcessSystemUs + child.ProcessSystemUs;
        double kib = metrics.GetValueOrDefault(MetricIds.Bytes) / 1024.0;
        double transactions = metrics.GetValueOrDefault(MetricIds.Transactions);
        return cpu with
        {
            ProcessUserUs = user,
            ProcessSystemUs = system,
            Threads = threads,
            ServiceDemandUsPerKiB = kib > 0 ? (user + system) / kib : null,
            SystemServiceDemandUsPerKiB = kib > 0 ? cpu.SystemBusyUs / kib : null,
            ServiceDemandUsPerTransaction = cpu.ServiceDemandUsPerTransaction is not null && transactions > 0 ? (user + system) / transactions : null,
            Note = cpu.Note + string.Create(CultureInfo.InvariantCulture, $"; processes 2: process CPU sums this process and the server child (pid {child.Pid})"),
        };
    }
}
