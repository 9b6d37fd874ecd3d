using LoopBench.Core.Results;

namespace LoopBench.Core.Running;

/// <summary>Where a scenario run stands, for progress displays.</summary>
/// <param name="CaseKey">The case being measured.</param>
/// <param name="CaseIndex">Its index in the run.</param>
/// <param name="Repetition">The repetition's index within the case.</param>
/// <param name="Done">Repetitions finished in the whole run (resumed ones included).</param>
/// <param name="Planned">Repetitions planned in the whole run (grows under --until-ci).</param>
/// <param name="RemainingMs">Estimated time left, from the cases' windows and warm-ups.</param>
internal sealed record RunProgress(string CaseKey, int CaseIndex, int Repetition, int Done, int Planned, long RemainingMs);

/// <summary>Receives progress from the scheduler, only between repetitions, never inside a measured window.</summary>
internal interface IRunProgressSink
{
    /// <summary>A repetition is about to start.</summary>
    void Starting(RunProgress progress);

    /// <summary>A repetition finished with <paramref name="outcome"/>.</summary>
    void Finished(RunProgress progress, CaseOutcome outcome);
}
