namespace LoopBench.Tests.Architecture;

/// <summary>STYLE §2: Sandbox knows nothing about workloads; only Running composes it with the rest.</summary>
public sealed class SandboxDependencyTests
{
    [Theory(Timeout = 30_000)]
    [InlineData("Running")]
    [InlineData("Workloads")]
    [InlineData("Engines")]
    [InlineData("Transports")]
    public void Sandbox_DoesNotUse(string forbidden)
    {
        Assert.Empty(CoreDependencyGraph.Instance.Offenders("Sandbox", to => CoreDependencyGraph.IsIn(to, forbidden)));
    }
}
