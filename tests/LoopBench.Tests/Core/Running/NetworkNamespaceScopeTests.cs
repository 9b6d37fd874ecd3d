using LoopBench.Core;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

public sealed class NetworkNamespaceScopeTests
{
    [Theory]
    [InlineData(4026531840L, 4026531840L, "host")]
    [InlineData(4026532999L, 4026531840L, "netns")]
    [InlineData(4026532999L, null, "host")]
    [InlineData(null, 4026531840L, "host")]
    public void Classify_DifferentInodes_AreNetns_OtherwiseHost(long? self, long? reference, string expected)
    {
        Assert.Equal(expected, NetworkNamespaceScope.Classify(self, reference).ToId());
    }

    [Fact(Timeout = 20_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void Runner_RecordsTheDetectedScope_WithItsCounters()
    {
        var c = new Case { DurationMs = 200, WarmupMs = 50, IntervalMs = 100 };
        var rep = Assert.Single(new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken).Repetitions);

        Assert.NotNull(rep.KernelCounters);
        Assert.Equal(NetworkNamespaceScope.Detect(), rep.KernelCountersScope);
        Assert.Equal(CountersScope.NetNs, new Runner(new RunnerOptions { KernelCountersScope = CountersScope.NetNs })
            .RunCase(c, cancellation: TestContext.Current.CancellationToken).Repetitions.Single().KernelCountersScope);
    }
}
