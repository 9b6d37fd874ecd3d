using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Results;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// What the coordinator saw of a repetition's window: when it opened, how it ended, its interval
/// lines, and each worker's CPUs and scheduling (<see cref="CpuReaders"/>).
/// </summary>
internal sealed record Coordination(
    DateTimeOffset StartedUtc, bool Interrupted, string? Failure, List<IntervalResult> Intervals, HashSet<int>[] CpusObserved,
    Scheduling?[] Scheduling, WindowEnd? EndedBy)
{
    /// <summary>How far the warm-up ran past the case's while the runtime was still compiling (<see cref="WarmupEnd"/>).</summary>
    public long WarmupExtendedNs { get; init; }

    /// <summary>
    /// The window as its last wake left it: Ctrl-C, a worker that stopped before T1 (the failure), and
    /// for a count-based case whether the counts or the time cap ended it.
    /// </summary>
    public static Coordination After(
        WindowWake wake, bool counted, DateTimeOffset startedUtc, IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers,
        List<IntervalResult> intervals, CpuReaders cpus)
    {
        string? failure = wake == WindowWake.WorkerEnded ? WorkerStop.Failure(ends, workers) ?? "a worker stopped before the window closed" : null;
        WindowEnd? endedBy = !counted ? null : wake switch
        {
            WindowWake.CountReached => WindowEnd.Count,
            WindowWake.Deadline => WindowEnd.TimeCap,
            _ => null,
        };
        return new Coordination(startedUtc, wake == WindowWake.Cancelled, failure, intervals, cpus.Observed, cpus.Scheduling, endedBy);
    }
}
