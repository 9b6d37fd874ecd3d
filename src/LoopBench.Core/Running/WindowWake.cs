namespace LoopBench.Core.Running;

/// <summary>Why the coordinator woke up.</summary>
internal enum WindowWake
{
    /// <summary>The deadline (an interval's end, T1, or the end of the warm-up) came.</summary>
    [Id("deadline")]
    Deadline,

    /// <summary>Ctrl-C.</summary>
    [Id("cancelled")]
    Cancelled,

    /// <summary>A worker stopped before the window closed.</summary>
    [Id("worker-ended")]
    WorkerEnded,

    /// <summary>Count-based runs: every end that finishes on its own has finished.</summary>
    [Id("count-reached")]
    CountReached,
}
