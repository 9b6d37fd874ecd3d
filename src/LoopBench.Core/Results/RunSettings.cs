using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Results;

/// <summary>How a scenario run was asked for; recorded so that it can be resumed and repeated.</summary>
/// <param name="Repetitions">Repetitions per case (10 by default, 5 with --quick).</param>
/// <param name="Quick">True with --quick: results are indicative.</param>
/// <param name="Seed">Seed of the shuffled, interleaved order.</param>
/// <param name="TimeoutMs">Per-repetition timeout in ms.</param>
/// <param name="UntilCiLevel">--until-ci confidence level (e.g. 0.95), or null.</param>
/// <param name="UntilCiWidthPercent">--until-ci target width of the median's CI, % of the median, or null.</param>
/// <param name="MaxRepetitions">--max-reps: the cap for --until-ci.</param>
/// <param name="Filters">--filter fragments a case key had to contain.</param>
/// <param name="Overrides">--set key=value overrides, as given.</param>
internal sealed record RunSettings(
    int Repetitions,
    bool Quick,
    int Seed,
    long TimeoutMs,
    double? UntilCiLevel,
    double? UntilCiWidthPercent,
    int MaxRepetitions,
    IReadOnlyList<string> Filters,
    IReadOnlyList<string> Overrides)
{
    /// <summary>The scenario's <c>compare:</c> block, or null when it has none.</summary>
    public CompareSettings? Compare { get; init; }
}
