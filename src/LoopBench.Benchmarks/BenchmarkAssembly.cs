namespace LoopBench.Benchmarks;

/// <summary>Anchor type for the Benchmarks assembly (architecture tests use it to inspect references).</summary>
public static class BenchmarkAssembly
{
}
