using LoopBench.Core.Results;

namespace LoopBench.Core.Sandbox;

/// <summary>The outcome ids of sandboxed cases; aliases of the ones in <see cref="Outcomes"/>.</summary>
public static class SandboxOutcomes
{
    /// <inheritdoc cref="Outcomes.SkippedSandbox"/>
    public const string SkippedSandbox = Outcomes.SkippedSandbox;

    /// <inheritdoc cref="Outcomes.FailedSandbox"/>
    public const string FailedSandbox = Outcomes.FailedSandbox;

    /// <inheritdoc cref="Outcomes.FailedChild"/>
    public const string FailedChild = Outcomes.FailedChild;
}
