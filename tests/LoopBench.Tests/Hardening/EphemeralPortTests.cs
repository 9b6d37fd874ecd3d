using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>Ephemeral ports run out (a 10-port range in the case's own namespace, so the host is untouched): the case fails and says so.</summary>
[Trait(Traits.Category, Traits.Sandbox)]
[Collection(SandboxCollection.Name)]
public sealed class EphemeralPortTests
{
    [Fact(Timeout = 60_000)]
    public void EphemeralPortsExhausted_FailTheCaseAndSaySo()
    {
        SandboxRequirement.Namespaces();
        var settings = new SandboxSettings { Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_local_port_range"] = "40000 40009" } };
        var crr = new Case { Pattern = PatternKind.Crr, DurationMs = 1_000, WarmupMs = 50, IntervalMs = 0 };

        var run = new SandboxedRunner(SandboxRequirement.Child()).RunCase(crr, settings, 1, TestContext.Current.CancellationToken);

        Assert.True(run.Result.Outcome.IsFailure(), $"{run.Result.Outcome}");
        Assert.Contains("ephemeral ports exhausted", run.Result.Reason, StringComparison.Ordinal);
    }
}
