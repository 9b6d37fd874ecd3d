using LoopBench.Core.Results;

namespace LoopBench.Core.Running;

/// <summary>What the coordinator saw of a repetition's window: when it opened, how it ended, its interval lines and each worker's CPUs.</summary>
internal sealed record Coordination(
    DateTimeOffset StartedUtc, bool Interrupted, string? Failure, List<IntervalResult> Intervals, HashSet<int>[] CpusObserved, WindowEnd? EndedBy);
