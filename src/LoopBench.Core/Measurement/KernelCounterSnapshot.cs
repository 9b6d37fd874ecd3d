namespace LoopBench.Core.Measurement;

/// <summary>Every kernel counter at one instant, keyed "Group.Name" (see <see cref="CounterCatalog"/>).</summary>
/// <param name="Values">The counters and gauges read.</param>
/// <param name="LoQdiscKind">lo's root qdisc kind ("noqueue", "fq"), or null when tc was unavailable.</param>
/// <param name="Notes">Sources that could not be read, in words.</param>
internal sealed record KernelCounterSnapshot(
    IReadOnlyDictionary<string, long> Values, string? LoQdiscKind, IReadOnlyList<string> Notes);
