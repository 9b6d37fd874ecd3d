namespace LoopBench.Core.Measurement;

/// <summary>CPU cost over one window. See <c>CpuSampler</c> for which figure is authoritative.</summary>
/// <param name="WindowNs">Wall time between the two readings.</param>
/// <param name="ProcessUserUs">LoopBench's user time (getrusage RUSAGE_SELF): authoritative, both ends.</param>
/// <param name="ProcessSystemUs">LoopBench's system time, softirq run in its context included.</param>
/// <param name="SystemUserPercent">System-wide user (+nice) share of all CPUs, /proc/stat.</param>
/// <param name="SystemSystemPercent">System-wide system share of all CPUs.</param>
/// <param name="SystemSoftirqPercent">System-wide softirq share of all CPUs (receive processing outside process context).</param>
/// <param name="SystemStealPercent">Share stolen by the hypervisor: high values make every figure suspect.</param>
/// <param name="SystemBusyUs">CPU time all CPUs spent busy (user, system, irq, softirq), in µs.</param>
/// <param name="Threads">Per-thread CPU (approximate split; resolution per <see cref="ThreadTimeSource"/>).</param>
/// <param name="HarnessOverheadUs">CPU of LoopBench threads that are not workers (coordinator, GC, runtime).</param>
/// <param name="ServiceDemandUsPerKiB">Process CPU µs per KiB moved (netperf's service demand, process view).</param>
/// <param name="SystemServiceDemandUsPerKiB">System-wide busy µs per KiB moved (netperf's own definition).</param>
/// <param name="ServiceDemandUsPerTransaction">Process CPU µs per transaction (rr patterns).</param>
/// <param name="Note">The caveat of the per-thread split.</param>
internal sealed record CpuResult(
    long WindowNs,
    long ProcessUserUs,
    long ProcessSystemUs,
    double SystemUserPercent,
    double SystemSystemPercent,
    double SystemSoftirqPercent,
    double SystemStealPercent,
    long SystemBusyUs,
    IReadOnlyList<ThreadCpuResult> Threads,
    long HarnessOverheadUs,
    double? ServiceDemandUsPerKiB,
    double? SystemServiceDemandUsPerKiB,
    double? ServiceDemandUsPerTransaction,
    string Note)
{
    /// <summary>Why per-end CPU is labelled approximate.</summary>
    public const string ApproximateSplitNote =
        "per-thread split is approximate: on loopback the receive path's softirq often runs in the sender's context";

    /// <summary>Appended to the note when per-thread times fell back to USER_HZ ticks.</summary>
    public const string TickResolutionNote = ", and /proc stat times have 10 ms resolution";

    /// <summary>
    /// Where per-thread times came from: "thread-cpu-clock" (clock_gettime on each thread's CPU clock, ns),
    /// "schedstat" (/proc/self/task/TID/schedstat, ns, current to the last scheduler tick) or
    /// "stat-ticks" (USER_HZ, 10 ms). Null in runs written before it was recorded (stat-ticks).
    /// </summary>
    public string? ThreadTimeSource { get; init; }

    /// <summary><see cref="HarnessOverheadUs"/> in nanoseconds, at the per-thread source's resolution.</summary>
    public long? HarnessOverheadNs { get; init; }

    /// <summary>Process CPU as a share of one core over the window (200 = two cores busy).</summary>
    public double ProcessCpuPercentOfOneCore => WindowNs > 0 ? 100.0 * (ProcessUserUs + ProcessSystemUs) * 1000 / WindowNs : 0;
}

/// <summary>CPU of one thread of the process over the window (approximate).</summary>
/// <param name="ThreadId">Kernel tid.</param>
/// <param name="Name">Thread name (comm), e.g. "lb-c0-tx".</param>
/// <param name="IsWorker">True for a workload worker; false counts as harness overhead.</param>
/// <param name="CpuUs">User + system time in µs (<see cref="CpuNs"/> / 1000).</param>
internal sealed record ThreadCpuResult(int ThreadId, string Name, bool IsWorker, long CpuUs)
{
    /// <summary>User + system time in ns, at the resolution of <see cref="CpuResult.ThreadTimeSource"/>; null in older runs.</summary>
    public long? CpuNs { get; init; }

    /// <summary>The pid of the process the thread ran in when that was not the measuring process (processes: 2); null otherwise.</summary>
    public int? ProcessId { get; init; }
}
