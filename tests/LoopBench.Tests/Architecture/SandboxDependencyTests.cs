namespace LoopBench.Tests.Architecture;

/// <summary>STYLE §2: Sandbox knows nothing about workloads; only Running composes it with the rest.</summary>
public sealed class SandboxDependencyTests
{
    [Theory]
    [InlineData("LoopBench.Core.Running")]
    [InlineData("LoopBench.Core.Workloads")]
    [InlineData("LoopBench.Core.Engines")]
    [InlineData("LoopBench.Core.Transports")]
    public void Sandbox_DoesNotUse(string forbiddenNamespace)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LoopBench.sln")))
        {
            dir = dir.Parent;
        }

        string sandbox = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("LoopBench.sln not found"), "src", "LoopBench.Core", "Sandbox");
        var offenders = Directory.EnumerateFiles(sandbox, "*.cs")
            .Where(f => File.ReadAllText(f).Contains("using " + forbiddenNamespace + ";", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(offenders);
    }
}
