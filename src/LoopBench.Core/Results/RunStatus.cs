namespace LoopBench.Core.Results;

/// <summary>Where a scenario run stands. No member is 0, so a status event without its status is not read as one.</summary>
internal enum RunStatus
{
    /// <summary>Repetitions are still being measured.</summary>
    [Id("running")]
    Running = 1,

    /// <summary>Every case finished.</summary>
    [Id("completed")]
    Completed = 2,

    /// <summary>Stopped by Ctrl-C or SIGTERM; resumable with --resume.</summary>
    [Id("interrupted")]
    Interrupted = 3,

    /// <summary>Stopped by an error (e.g. the disk filled up); what was written is kept.</summary>
    [Id("failed")]
    Failed = 4,
}
