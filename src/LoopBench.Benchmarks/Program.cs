using BenchmarkDotNet.Running;

namespace LoopBench.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project src/LoopBench.Benchmarks -- --filter '*'</c>.
/// CI keeps every benchmark from rotting by running each method once from a test.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
