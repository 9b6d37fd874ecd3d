namespace LoopBench.Plotting;

/// <summary>Anchor type for the Plotting assembly (architecture tests use it to inspect references).</summary>
internal static class PlottingAssembly
{
}
