using LoopBench.Core.Workloads;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>
/// The executor routes each case where it belongs: netns cases into a real child in a real
/// namespace, host cases into this process; host sysctls go to a fake /proc/sys tree, never the host.
/// </summary>
[Trait(Traits.Category, Traits.Sandbox)]
[Collection(SandboxCollection.Name)]
public sealed class CaseExecutorTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("loopbench-executor-test-");
    private readonly HostSysctlPaths _paths;

    public CaseExecutorTests()
    {
        _paths = FakeHost.Create(_root.FullName);
    }

    public void Dispose() => _root.Delete(recursive: true);

    private static Case Short(Case c) => c with { DurationMs = 300, WarmupMs = 100, IntervalMs = 100 };

    [Fact(Timeout = 60_000)]
    public void NetnsRepetition_RunsInAChild_AndCarriesWhatTheNamespaceHad()
    {
        SandboxRequirement.Namespaces();
        using var executor = new CaseExecutor(new Runner(), new SandboxedRunner(SandboxRequirement.Child()), _paths);
        var c = Short(CaseParameters.Apply(new Case(), "mtu", "9000"));

        var outcome = executor.Run(c, index: 3, TestContext.Current.CancellationToken);

        Assert.True(outcome.Outcome == CaseOutcome.Passed, outcome.Reason);
        var rep = outcome.Result!;
        Assert.Equal(3, rep.Index);
        Assert.Equal(9000, rep.Sandbox!.Link.MtuBytes);
        Assert.NotEqual(NetworkNamespace.InodeOf("self"), rep.Sandbox.NamespaceInode);
        Assert.Equal(CountersScope.NetNs, rep.KernelCountersScope);
        Assert.InRange(rep.Socket!.MssBytes!.Value, 1, 9000 - 40);
    }

    [Fact(Timeout = 60_000)]
    public void HostSysctls_AreHeldWhileCasesAgree_AndRestoredForOthersAndAtTheEnd()
    {
        SandboxRequirement.Namespaces(); // host repetitions flush tcp_metrics, which needs CAP_NET_ADMIN
        var withSysctl = Short(new Case { Kernel = new SandboxSettings { HostSysctls = new Dictionary<string, string> { ["net.core.rmem_max"] = "8388608" }, AllowHostSysctls = true } });
        var plain = Short(new Case());
        using (var executor = new CaseExecutor(new Runner(), null, _paths))
        {
            var first = executor.Run(withSysctl, 0, TestContext.Current.CancellationToken);
            Assert.True(first.Outcome == CaseOutcome.Passed, first.Reason);
            Assert.Equal(new SysctlJournalEntry("net.core.rmem_max", "4194304", "8388608"), Assert.Single(first.Result!.HostSysctls!));
            Assert.Equal("8388608", FakeHost.Read(_paths, "net.core.rmem_max"));
            Assert.True(File.Exists(_paths.JournalPath));
            Assert.Null(first.Result.Notes); // the TCP metrics cache was flushed before the host repetition

            var other = executor.Run(plain, 0, TestContext.Current.CancellationToken);
            Assert.Null(other.Result!.HostSysctls);
            Assert.Equal("4194304", FakeHost.Read(_paths, "net.core.rmem_max"));

            executor.Run(withSysctl, 1, TestContext.Current.CancellationToken);
            Assert.Equal("8388608", FakeHost.Read(_paths, "net.core.rmem_max"));
        }

        Assert.Equal("4194304", FakeHost.Read(_paths, "net.core.rmem_max"));
        Assert.False(File.Exists(_paths.JournalPath));
    }

    [Fact(Timeout = 60_000)]
    public void UdpFloodBehindAShaper_DropsAShareOfWhatIsOffered_UntilTheSenderBlocksOnItsBuffer()
    {
        SandboxRequirement.Namespaces();
        using var executor = new CaseExecutor(new Runner(), new SandboxedRunner(SandboxRequirement.Child()), _paths);
        double DropRatio(int limit)
        {
            var c = Short(new Case { Transport = LoopBench.Core.Transports.TransportKind.Udp4, MessageBytes = 1400 }) with { DurationMs = 500 };
            c = CaseParameters.Apply(c, "qdisc", $"htb:rate=200mbit,child=pfifo,limit={limit}");
            var outcome = executor.Run(c, 0, TestContext.Current.CancellationToken);
            Assert.True(outcome.Outcome == CaseOutcome.Passed, outcome.Reason);
            return outcome.Result!.Metrics.GetValueOrDefault(MetricIds.QdiscDropRatio);
        }

        // Unpaced, the sender offers several times 200 Mbit/s: a short queue throws most of it away.
        // A queue deeper than the socket's send buffer can fill (212992 B ≈ 90 datagrams of ~2.3 KiB
        // truesize) never overflows: the sender blocks on SO_SNDBUF instead.
        double shallow = DropRatio(4);
        double deep = DropRatio(2048);
        Assert.InRange(shallow, 0.3, 1.0);
        Assert.InRange(deep, 0.0, 0.05);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(LoopBench.Core.Engines.EngineKind.AsyncInline, PatternKind.Stream)]
    [InlineData(LoopBench.Core.Engines.EngineKind.PipelinesInline, PatternKind.Stream)]
    [InlineData(LoopBench.Core.Engines.EngineKind.PipelinesInline, PatternKind.Rr)]
    public void InlineEngine_RunsInAPlainChildStartedWithInlineCompletions_NeverSilentlyWithout(LoopBench.Core.Engines.EngineKind engine, PatternKind pattern)
    {
        var c = Short(new Case { Engine = engine, Pattern = pattern });
        Assert.False(LoopBench.Core.Engines.InlineCompletions.Enabled);
        var inProcess = new Runner().RunRepetition(c, 0, TestContext.Current.CancellationToken);
        Assert.Equal(CaseOutcome.FailedSetup, inProcess.Outcome);
        Assert.Contains(LoopBench.Core.Engines.InlineCompletions.Variable, inProcess.Reason, StringComparison.Ordinal);

        var command = SandboxRequirement.Child() with { Isolate = false };
        Assert.Equal(command.Executable, command.Argv()[0]);
        using var executor = new CaseExecutor(new Runner(), null, _paths) { HostChild = new SandboxedRunner(command) };
        var outcome = executor.Run(c, 0, TestContext.Current.CancellationToken);

        Assert.True(outcome.Outcome == CaseOutcome.Passed, outcome.Reason);
        Assert.Null(outcome.Result!.Sandbox); // no namespace: the host's lo
        Assert.True(outcome.Result.Metrics[MetricIds.ThroughputBitsPerSecond] > 0);
    }
}
