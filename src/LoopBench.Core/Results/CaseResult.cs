using LoopBench.Core.Measurement;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Results;

/// <summary>One case: its resolved parameters, its outcome and every repetition measured.</summary>
/// <param name="Key">Canonical key, the pairing key across runs.</param>
/// <param name="Case">The fully resolved case.</param>
/// <param name="Outcome">Passed, interrupted, pending, failed:&lt;id&gt; or skipped:&lt;id&gt;.</param>
/// <param name="Reason">Why it failed or was skipped, in words; null when passed.</param>
/// <param name="Repetitions">Measured repetitions, in the order they ran.</param>
internal sealed record CaseResult(
    string Key,
    Case Case,
    CaseOutcome Outcome,
    string? Reason,
    IReadOnlyList<RepetitionResult> Repetitions)
{
    /// <summary>Per metric id: median, mean, spread and the median's confidence interval over passed repetitions. Null for quick runs.</summary>
    public SortedDictionary<string, MetricSummary>? Summaries { get; init; }

    /// <summary>The metric the noisy flag and <c>--until-ci</c> look at, e.g. "throughputBitsPerSecond".</summary>
    public string? PrimaryMetric { get; init; }

    /// <summary>True when the primary metric's CV is above <see cref="Statistics.NoisyCvPercent"/>.</summary>
    public bool Noisy { get; init; }

    /// <summary>True when too few repetitions (under 10, e.g. <c>--quick</c>) back a verdict at a strict error rate.</summary>
    public bool Indicative { get; init; }

    /// <summary>CPU noise while each repetition ran (steal, CPU used outside LoopBench), by repetition index.</summary>
    public IReadOnlyList<RepetitionNoise>? Noise { get; init; }

    /// <summary>Things a reader should know, e.g. that --max-reps was reached before the CI was narrow enough.</summary>
    public IReadOnlyList<string>? Warnings { get; init; }
}

/// <summary>The CPU noise of one repetition.</summary>
/// <param name="Index">The repetition's index.</param>
/// <param name="Cpu">Steal and CPU use outside LoopBench, % of the host's CPU capacity.</param>
internal sealed record RepetitionNoise(int Index, CpuNoise Cpu);
