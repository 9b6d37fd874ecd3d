using LoopBench.Core.Measurement;

namespace LoopBench.Core.Results;

/// <summary>The quiet-host gate around one repetition of <c>loopbench run --quiet-host</c>.</summary>
/// <param name="During">CPU used outside LoopBench, and steal, while the repetition ran (% of one CPU).</param>
/// <param name="Disturbed">True when <paramref name="During"/> was above the threshold.</param>
/// <param name="ThresholdPercentOfOneCpu">The threshold in force.</param>
/// <param name="WaitedMs">Time spent waiting for a quiet host before the repetition.</param>
/// <param name="QuietAtStart">False when the host was still busy at the maximum wait and the repetition ran anyway.</param>
internal sealed record QuietHostResult(HostLoad During, bool Disturbed, double ThresholdPercentOfOneCpu, long WaitedMs, bool QuietAtStart);
