using LoopBench.Core.Engines;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>How a measured repetition ended: a worker's failure, a drain timeout, Ctrl-C, an idle window, or passed.</summary>
internal static class RepetitionVerdict
{
    /// <summary>
    /// The outcome of <paramref name="result"/> and why: the coordinator's failure first, then a worker
    /// that did not stop (<paramref name="stopFailure"/>, a timeout), then one that failed.
    /// </summary>
    public static (CaseOutcome Outcome, string? Reason) Of(
        Case c, RepetitionResult result, Coordination coordination, string? stopFailure, IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers)
    {
        string? failure = coordination.Failure ?? stopFailure ?? WorkerStop.Failure(ends, workers);
        if (failure is not null)
        {
            return (stopFailure is not null && coordination.Failure is null ? CaseOutcome.FailedTimeout : CaseOutcome.FailedWorker, failure);
        }

        if (coordination.Interrupted)
        {
            return (CaseOutcome.Interrupted, null);
        }

        return IdleWindow.Reason(c, result) is string idle ? (CaseOutcome.FailedNoTraffic, idle) : (CaseOutcome.Passed, null);
    }
}
