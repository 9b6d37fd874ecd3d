namespace LoopBench.Core.Engines;

/// <summary>
/// Starts one end of an async engine: a short-lived named thread passes the start barrier and runs
/// the loop up to its first real await; from then on its continuations run on pool threads. No pool
/// thread ever blocks (the barrier is passed on the starter thread), and no thread is pinned.
/// </summary>
internal static class PooledWorker
{
    public static WorkerHandle Start(WorkerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var handle = new WorkerHandle(spec.Name, null);
        var thread = new Thread(() => Run(spec, handle)) { IsBackground = true, Name = spec.Name };
        thread.Start();
        return handle;
    }

    private static void Run(WorkerSpec spec, WorkerHandle handle)
    {
        ValueTask body;
        try
        {
            // Always arrive, so that nobody else waits out the timeout.
            if (!spec.StartBarrier.SignalAndWait(spec.BarrierTimeout))
            {
                throw new TimeoutException($"{spec.Name}: start barrier not reached within {spec.BarrierTimeout.TotalSeconds:0.#} s");
            }

            if (spec.Cpu is int cpu)
            {
                throw new InvalidOperationException($"{spec.Name}: this engine cannot pin to CPU {cpu}; the runner should have skipped the case");
            }

            body = spec.Body();
            if (body.IsCompleted)
            {
                body.GetAwaiter().GetResult();
                handle.Finish(null);
                return;
            }
        }
        catch (Exception ex)
        {
            handle.Finish(ex);
            return;
        }

        body.AsTask().ContinueWith(
            static (task, state) => ((WorkerHandle)state!).Finish(task.Exception?.InnerException),
            handle,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
