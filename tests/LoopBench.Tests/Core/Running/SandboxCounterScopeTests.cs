using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>A case run in its own network namespace records its kernel counters as "netns"; one on the host as "host".</summary>
[Trait(Traits.Category, Traits.Sandbox)]
[Collection(SandboxCollection.Name)]
public sealed class SandboxCounterScopeTests
{
    [Fact(Timeout = 60_000)]
    public void CountersInsideTheNamespace_AreScopedNetns()
    {
        SandboxRequirement.Namespaces();
        var c = new Case { DurationMs = 200, WarmupMs = 50, IntervalMs = 100 };
        var run = new SandboxedRunner(SandboxRequirement.Child())
            .RunCase(c, new SandboxSettings { LoMtuBytes = 9000 }, 1, TestContext.Current.CancellationToken);

        Assert.Equal(CaseOutcome.Passed, run.Result.Outcome);
        var rep = Assert.Single(run.Result.Repetitions);
        Assert.NotNull(rep.KernelCounters);
        Assert.Equal(CountersScope.NetNs, rep.KernelCountersScope);
        Assert.Equal(CountersScope.Host, NetworkNamespaceScope.Detect()); // the test process itself is on the host
    }
}
