namespace LoopBench.Core.Engines;

/// <summary>What to start: one end of a workload, on its own worker.</summary>
/// <param name="Name">Thread name, e.g. "lb-c0-tx".</param>
/// <param name="Cpu">CPU to pin the worker to, or null for unpinned.</param>
/// <param name="Body">The end's loop.</param>
/// <param name="StartBarrier">Passed by every worker and the coordinator before any byte moves.</param>
/// <param name="BarrierTimeout">How long a worker waits at the barrier.</param>
internal sealed record WorkerSpec(string Name, int? Cpu, Func<ValueTask> Body, Barrier StartBarrier, TimeSpan BarrierTimeout);

/// <summary>A started worker: its identity, where it ran, and how it ended.</summary>
internal sealed class WorkerHandle
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile int _threadId;

    /// <summary>Creates a handle for a worker about to start.</summary>
    public WorkerHandle(string name, int? cpuRequested)
    {
        Name = name;
        CpuRequested = cpuRequested;
    }

    /// <summary>The worker's name.</summary>
    public string Name { get; }

    /// <summary>The CPU it was pinned to, or null.</summary>
    public int? CpuRequested { get; }

    /// <summary>The kernel thread id, once the worker runs (0 before, or for non-thread workers).</summary>
    public int ThreadId { get => _threadId; internal set => _threadId = value; }

    /// <summary>Completes when the worker's loop returns or throws.</summary>
    public Task Completion => _done.Task;

    /// <summary>Marks the worker finished; called once by the engine.</summary>
    internal void Finish(Exception? error)
    {
        if (error is null)
        {
            _done.TrySetResult();
        }
        else
        {
            _done.TrySetException(error);
        }
    }
}
