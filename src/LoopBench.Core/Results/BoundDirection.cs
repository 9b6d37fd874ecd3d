namespace LoopBench.Core.Results;

/// <summary>Which side of a bound is good. Stable ids: "at-least", "at-most", "within".</summary>
internal enum BoundDirection
{
    /// <summary>Higher is better: throughput, rates.</summary>
    [Id("at-least")]
    AtLeast = 1,

    /// <summary>Lower is better: latency.</summary>
    [Id("at-most")]
    AtMost = 2,

    /// <summary>Inside a band is good: a figure that should sit near a value, such as the timestamps' sum over the round trip near 1.</summary>
    [Id("within")]
    Within = 3,
}
