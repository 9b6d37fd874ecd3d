using LoopBench.Core.Results;

namespace LoopBench.Core.History;

/// <summary>A run found by <see cref="RunLocator"/>, with the directory that holds its run.json.</summary>
/// <param name="Run">The run.</param>
/// <param name="Directory">
/// The run's directory: the one given, or for <c>last:&lt;label&gt;</c> the one the history recorded
/// (else &lt;history's directory&gt;/&lt;run-id&gt;); null when neither exists any more.
/// </param>
internal sealed record LocatedRun(RunResult Run, string? Directory);
