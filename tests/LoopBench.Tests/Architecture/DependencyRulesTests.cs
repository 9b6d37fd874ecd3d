using LoopBench.Core.Scenarios;

namespace LoopBench.Tests.Architecture;

public sealed class DependencyRulesTests
{
    private static readonly string SourceRoot = FindSourceRoot();

    [Fact]
    public void Core_ReferencesNoUiOrPlottingAssembly()
    {
        var names = typeof(Case).Assembly.GetReferencedAssemblies().Select(a => a.Name);
        Assert.DoesNotContain(names, n => n is "ScottPlot" or "CommandLine" or "Spectre.Console" or "LoopBench.Plotting" or "LoopBench.Cli");
    }

    [Fact]
    public void Plotting_DoesNotReferenceTheCli()
    {
        var names = typeof(LoopBench.Plotting.PlottingAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name);
        Assert.DoesNotContain(names, n => n is "CommandLine" or "LoopBench.Cli");
    }

    [Fact]
    public void Benchmarks_DependOnCoreOnly()
    {
        var names = typeof(LoopBench.Benchmarks.BenchmarkAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name);
        Assert.DoesNotContain(names, n => n is "LoopBench.Cli" or "LoopBench.Plotting" or "ScottPlot");
    }

    [Theory]
    [InlineData("Workloads", "LoopBench.Core.Running")]
    [InlineData("Engines", "LoopBench.Core.Running")]
    [InlineData("Engines", "LoopBench.Core.Workloads")]
    [InlineData("Transports", "LoopBench.Core.Running")]
    [InlineData("Measurement", "LoopBench.Core.Running")]
    [InlineData("Comparison", "LoopBench.Core.Running")]
    [InlineData("Comparison", "LoopBench.Core.Transports")]
    [InlineData("Comparison", "LoopBench.Core.Workloads")]
    [InlineData("Comparison", "LoopBench.Core.Engines")]
    [InlineData("Comparison", "LoopBench.Core.Sandbox")]
    [InlineData("Comparison", "LoopBench.Core.History")]
    [InlineData("Results/Export", "LoopBench.Core.Running")]
    [InlineData("Results/Export", "LoopBench.Core.Comparison")]
    [InlineData("Results/Export", "LoopBench.Core.Transports")]
    [InlineData("Results/Export", "LoopBench.Core.Workloads")]
    [InlineData("History", "LoopBench.Core.Running")]
    [InlineData("History", "LoopBench.Core.Comparison")]
    public void InsideCore_LowerLayersDoNotUseHigherOnes(string folder, string forbiddenNamespace)
    {
        var dir = Path.Combine(SourceRoot, "LoopBench.Core", folder);
        Assert.True(Directory.Exists(dir), dir);
        var offenders = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("using " + forbiddenNamespace + ";", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("Comparison")]
    [InlineData("Results/Export")]
    public void ComparisonAndExport_ReadResultsOnly(string folder)
    {
        var dir = Path.Combine(SourceRoot, "LoopBench.Core", folder);
        var offenders = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Where(l => l.StartsWith("using LoopBench.Core.", StringComparison.Ordinal))
                .Where(l => l is not ("using LoopBench.Core.Results;" or "using LoopBench.Core.Results.Export;" or "using LoopBench.Core.Comparison;"))
                .Select(l => Path.GetFileName(f) + ": " + l))
            .ToList();
        Assert.Empty(offenders);
    }

    private static string FindSourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LoopBench.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("LoopBench.sln not found above the test binaries"), "src");
    }
}
