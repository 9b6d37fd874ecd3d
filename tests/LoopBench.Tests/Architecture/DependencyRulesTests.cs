using LoopBench.Core.Scenarios;

namespace LoopBench.Tests.Architecture;

public sealed class DependencyRulesTests
{
    [Fact]
    public void Core_ReferencesNoUiOrPlottingAssembly()
    {
        var names = typeof(Case).Assembly.GetReferencedAssemblies().Select(a => a.Name);
        Assert.DoesNotContain(names, n => n is "ScottPlot" or "CommandLine" or "Spectre.Console" or "LoopBench.Plotting" or "loopbench");
    }

    [Fact]
    public void Plotting_DoesNotReferenceTheCli()
    {
        var names = typeof(LoopBench.Plotting.PlottingAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name);
        Assert.DoesNotContain(names, n => n is "CommandLine" or "loopbench");
    }

    [Fact]
    public void Benchmarks_DependOnCoreOnly()
    {
        var names = typeof(LoopBench.Benchmarks.BenchmarkAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name);
        Assert.DoesNotContain(names, n => n is "loopbench" or "LoopBench.Plotting" or "ScottPlot");
    }

    [Fact]
    public void Core_IsInternal_ButForTheEnumsThatPublicTheoriesAndBenchmarksTake()
    {
        // Each of these says why it is public where it is declared; anything else goes through InternalsVisibleTo.
        var exported = typeof(Case).Assembly.GetExportedTypes().Select(t => t.FullName).Order(StringComparer.Ordinal);
        Assert.Equal(
        [
            "LoopBench.Core.Engines.EngineKind",
            "LoopBench.Core.Engines.PlacementKind",
            "LoopBench.Core.MetricUnitKind",
            "LoopBench.Core.Transports.SocketKnobId",
            "LoopBench.Core.Transports.TransportKind",
            "LoopBench.Core.Workloads.BidirMode",
            "LoopBench.Core.Workloads.CloseMode",
            "LoopBench.Core.Workloads.PatternKind",
        ], exported);
    }

    [Fact]
    public void PlottingAndCli_HaveNoPublicType()
    {
        Assert.Empty(typeof(LoopBench.Plotting.PlottingAssembly).Assembly.GetExportedTypes());
        // the one exception: CommandLineParser reads computed help text only from a public ResourceType
        Assert.Equal([typeof(LoopBench.Cli.Verbs.PatternHelpText)], typeof(LoopBench.Cli.CliApp).Assembly.GetExportedTypes());
    }

    [Fact(Timeout = 30_000)]
    public void Core_NamespacesFormNoCycle()
    {
        Assert.True(CoreDependencyGraph.Instance.Nodes.Count > 10, "the graph read too few Core namespaces");
        string cycles = CoreDependencyGraph.Instance.DescribeCycles();
        Assert.True(cycles.Length == 0, "LoopBench.Core namespaces depend on each other in a cycle; move a type or invert an edge:\n" + cycles);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("Workloads", "Running")]
    [InlineData("Engines", "Running")]
    [InlineData("Engines", "Workloads")]
    [InlineData("Transports", "Running")]
    [InlineData("Measurement", "Running")]
    [InlineData("Comparison", "Running")]
    [InlineData("Comparison", "Transports")]
    [InlineData("Comparison", "Workloads")]
    [InlineData("Comparison", "Engines")]
    [InlineData("Comparison", "Sandbox")]
    [InlineData("Comparison", "History")]
    [InlineData("Results.Export", "Running")]
    [InlineData("Results.Export", "Comparison")]
    [InlineData("Results.Export", "Transports")]
    [InlineData("Results.Export", "Workloads")]
    [InlineData("History", "Running")]
    [InlineData("History", "Comparison")]
    public void InsideCore_LowerLayersDoNotUseHigherOnes(string from, string forbidden)
    {
        Assert.Contains(from, CoreDependencyGraph.Instance.Nodes);
        Assert.Empty(CoreDependencyGraph.Instance.Offenders(from, to => CoreDependencyGraph.IsIn(to, forbidden)));
    }

    /// <summary>
    /// They work on results files alone: Results, and Scenarios for what a result embeds and names
    /// (each CaseResult holds its Case; the case key's grammar; the scenario's compare block).
    /// </summary>
    [Theory(Timeout = 30_000)]
    [InlineData("Comparison")]
    [InlineData("Results.Export")]
    public void ComparisonAndExport_ReadResultsOnly(string from)
    {
        Assert.Contains(from, CoreDependencyGraph.Instance.Nodes);
        Assert.Empty(CoreDependencyGraph.Instance.Offenders(from, to => to is not ("Results" or "Results.Export" or "Comparison" or "Scenarios" or "(root)")));
    }
}
