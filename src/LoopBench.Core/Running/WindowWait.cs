using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>The coordinator's waits: until a deadline, a worker that ended, Ctrl-C, or (count-based runs) the count.</summary>
internal static class WindowWait
{
    public static WindowWake Until(
        IClock clock, long deadlineTicks, bool counted, IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers, WorkerEndSignal ended, CancellationToken cancellation) =>
        counted ? Counted(clock, deadlineTicks, ends, workers, ended, cancellation) : Deadline(clock, deadlineTicks, ended, workers, cancellation);

    /// <summary>
    /// Count-based runs: when the last primary end (stream receivers, rr clients) completed its last
    /// counted operation; long.MaxValue (close now) when none stamped it, e.g. datagram receivers.
    /// </summary>
    public static long LastFinished(IReadOnlyList<WorkloadEnd> ends)
    {
        long last = 0;
        for (int i = 0; i < ends.Count; i++)
        {
            if (EndTotals.IsPrimary(ends[i]) && ends[i].Finishes)
            {
                if (ends[i].FinishedTicks == 0)
                {
                    return long.MaxValue;
                }

                last = Math.Max(last, ends[i].FinishedTicks);
            }
        }

        return last == 0 ? long.MaxValue : last;
    }

    /// <summary>
    /// Count-based runs (-n, -k): ends that finish their share are not failures; once every end
    /// that finishes on its own has done so, the window closes. An end that failed still fails the case.
    /// </summary>
    private static WindowWake Counted(IClock clock, long deadlineTicks, IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers, WorkerEndSignal ended, CancellationToken cancellation)
    {
        while (true)
        {
            var wake = Deadline(clock, deadlineTicks, ended, workers, cancellation);
            if (wake != WindowWake.WorkerEnded)
            {
                return wake;
            }

            // Acknowledge before looking: an end that finishes after this wakes the next wait, one that
            // finished before is seen by the scan below, so none is missed.
            ended.Acknowledge(workers);
            bool allFinished = true;
            bool anyPending = false;
            for (int i = 0; i < ends.Count; i++)
            {
                bool done = workers[i].Completion.IsCompleted;
                if (done && (workers[i].Completion.IsFaulted || ends[i].Failure is not null))
                {
                    return WindowWake.WorkerEnded;
                }

                allFinished &= done || !ends[i].Finishes;
                anyPending |= !done;
            }

            if (allFinished || !anyPending)
            {
                return WindowWake.CountReached;
            }
        }
    }

    /// <summary>Waits for the deadline, a worker that ended (and was not acknowledged yet) or cancellation.</summary>
    private static WindowWake Deadline(IClock clock, long deadlineTicks, WorkerEndSignal ended, WorkerHandle[] workers, CancellationToken cancellation)
    {
        while (true)
        {
            if (clock.NowTicks() >= deadlineTicks)
            {
                return WindowWake.Deadline;
            }

            try
            {
                if (ended.Wait(clock, deadlineTicks, workers, cancellation))
                {
                    return WindowWake.WorkerEnded;
                }
            }
            catch (OperationCanceledException)
            {
                return WindowWake.Cancelled;
            }
        }
    }
}
