namespace LoopBench.Tests.Plotting;

/// <summary>
/// Chart and report rendering keeps both cores busy for seconds; run alone, after the parallel
/// tests, so that it never competes with the loopback tests that count allocations or time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RenderingCollection
{
    public const string Name = "Rendering";
}
