using LoopBench.Core.Engines;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>Stopping a repetition's workers after the window, and saying why one failed.</summary>
internal static class WorkerStop
{
    /// <summary>
    /// Waits up to <paramref name="drainTimeout"/> for every worker; aborts the ends of those still
    /// running and returns why, or null when all stopped.
    /// </summary>
    public static string? Drain(IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers, TimeSpan drainTimeout)
    {
        var completions = workers.Select(w => w.Completion).ToArray();
        try
        {
            if (Task.WaitAll(completions, drainTimeout))
            {
                return null;
            }
        }
        catch (AggregateException)
        {
            return null; // worker exceptions are reported by Failure
        }

        var stuck = workers.Where(w => !w.Completion.IsCompleted).Select(w => w.Name);
        string reason = $"{string.Join(", ", stuck)} did not stop within {drainTimeout.TotalSeconds:0.#} s after the window closed";
        Abort(ends);
        try
        {
            Task.WaitAll(completions, TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // aborted workers fault; the timeout is the reason
        }

        return reason;
    }

    /// <summary>The first worker's exception or end's failure, named after its end, or null.</summary>
    public static string? Failure(IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers)
    {
        for (int i = 0; i < ends.Count; i++)
        {
            if (workers[i].Completion.Exception?.InnerException is Exception ex)
            {
                return $"{ends[i].Name}: {ex.Message}";
            }

            if (ends[i].Failure is string failure)
            {
                return $"{ends[i].Name}: {failure}";
            }
        }

        return null;
    }

    /// <summary>Closes every end's socket at once, unblocking any pending call.</summary>
    public static void Abort(IReadOnlyList<WorkloadEnd> ends)
    {
        foreach (var end in ends)
        {
            end.Channel.Abort();
        }
    }
}
