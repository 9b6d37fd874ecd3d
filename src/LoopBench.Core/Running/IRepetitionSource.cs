using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Running;

/// <summary>Runs one repetition of a case; the scheduler's only view of measuring (fakes stand in for it in tests).</summary>
internal interface IRepetitionSource
{
    /// <summary>Runs repetition <paramref name="index"/> of <paramref name="candidate"/>, with its own warm-up.</summary>
    RepetitionOutcome Run(Case candidate, int index, CancellationToken cancellation);
}

/// <summary>The real source: <see cref="Runner.RunRepetition(Case, int, CancellationToken)"/>.</summary>
/// <param name="runner">The runner to measure with.</param>
internal sealed class RunnerRepetitionSource(Runner runner) : IRepetitionSource
{
    /// <inheritdoc/>
    public RepetitionOutcome Run(Case candidate, int index, CancellationToken cancellation) =>
        runner.RunRepetition(candidate, index, cancellation);
}
