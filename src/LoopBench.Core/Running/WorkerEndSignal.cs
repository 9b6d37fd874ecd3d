using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;

namespace LoopBench.Core.Running;

/// <summary>
/// "A worker ended", as one event set by continuations registered before T0: waiting on it allocates
/// nothing, where Task.WaitAny over the workers allocates a promise on every wake-up. A count-based
/// run acknowledges the ends it has seen, so it waits for the next one.
/// </summary>
internal sealed class WorkerEndSignal : IDisposable
{
    private readonly ManualResetEventSlim _event = new(false);
    private readonly bool[] _acknowledged;

    public WorkerEndSignal(WorkerHandle[] workers)
    {
        _acknowledged = new bool[workers.Length];
        foreach (var worker in workers)
        {
            worker.Completion.ContinueWith(
                static (_, state) => ((ManualResetEventSlim)state!).Set(), _event, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>True when a worker ended that was not acknowledged; false at the deadline on <paramref name="clock"/>. Throws when cancelled.</summary>
    public bool Wait(IClock clock, long deadlineTicks, WorkerHandle[] workers, CancellationToken cancellation)
    {
        if (HasUnacknowledged(workers))
        {
            return true;
        }

        if (!clock.WaitUntil(_event, deadlineTicks, cancellation))
        {
            return false;
        }

        if (HasUnacknowledged(workers))
        {
            return true;
        }

        _event.Reset(); // set by ends already acknowledged; one that ends from here on sets it again
        return HasUnacknowledged(workers);
    }

    /// <summary>Marks the workers that have ended so far as seen; call it before inspecting them, so that a later end wakes the next wait.</summary>
    public void Acknowledge(WorkerHandle[] workers)
    {
        for (int i = 0; i < workers.Length; i++)
        {
            _acknowledged[i] |= workers[i].Completion.IsCompleted;
        }
    }

    public void Dispose() => _event.Dispose();

    private bool HasUnacknowledged(WorkerHandle[] workers)
    {
        for (int i = 0; i < workers.Length; i++)
        {
            if (!_acknowledged[i] && workers[i].Completion.IsCompleted)
            {
                return true;
            }
        }

        return false;
    }
}
