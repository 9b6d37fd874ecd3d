namespace LoopBench.Tests.Fixtures;

/// <summary>
/// The pooled engines (async, pipelines, networkstream) run their loops as pool continuations. Here the
/// suite runs test classes in parallel and each holds a pool thread for the whole of a blocking case
/// (RunCase, Join); past the pool's floor (one thread per CPU, 2 on the CI host) further threads are
/// injected only by starvation detection, about one every half second, so a pooled end can sit out a
/// whole short window. A CLI run has the pool to itself; tests of those engines raise the floor so
/// that they measure the engine, not the suite's queue for threads. Raising it only adds threads, so it is
/// done once for the whole test assembly, as it loads, rather than by each test that happens to use a pooled engine.
/// </summary>
internal static class ThreadPoolHeadroom
{
    /// <summary>Worker threads the pool creates on demand, without waiting: far more than the tests that run at once.</summary>
    public const int MinWorkerThreads = 32;

    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Ensure()
    {
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        if (workers < MinWorkerThreads)
        {
            ThreadPool.SetMinThreads(MinWorkerThreads, completionPorts);
        }
    }
}
