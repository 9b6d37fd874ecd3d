namespace LoopBench.Core.Scenarios;

/// <summary>
/// A scenario's <c>compare:</c> block as the run records it: the A/B that summary.md and
/// report.html judge at the end (the same verdicts as <c>compare RUN --axis</c>).
/// </summary>
/// <param name="Axis">The matrix axis as the scenario names it, e.g. "congestion".</param>
/// <param name="Token">Its token in case keys ("length" is "len").</param>
/// <param name="Baseline">The baseline value as case keys spell it; null: the axis's first value in case order.</param>
internal sealed record CompareSettings(string Axis, string Token, string? Baseline);
