using LoopBench.Core.Results;

namespace LoopBench.Core.Running;

/// <summary>What one repetition produced.</summary>
/// <param name="Result">The measured repetition, or null when nothing was measured (setup failure, skip).</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Reason">Why it failed or was skipped; null when passed.</param>
internal sealed record RepetitionOutcome(RepetitionResult? Result, CaseOutcome Outcome, string? Reason);
