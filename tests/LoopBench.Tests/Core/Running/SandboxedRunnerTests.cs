using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>Real namespaces, real children: needs root (CI runs as root with LOOPBENCH_REQUIRE_SANDBOX=1).</summary>
[Trait(Traits.Category, Traits.Sandbox)]
[Collection(SandboxCollection.Name)]
public sealed class SandboxedRunnerTests
{
    /// <summary>Ethernet (lo's link header) + IPv4 + TCP + timestamps option: what tbf counts beside the payload of each segment.</summary>
    private const int HeaderBytesPerSegment = 14 + 20 + 20 + 12;

    private static Case Short(long durationMs = 300) => new() { DurationMs = durationMs, WarmupMs = 100, IntervalMs = 100 };

    [Fact(Timeout = 60_000)]
    public void Mtu9000_IsSeenInsideTheNamespace_WhileTheHostLoKeepsItsMtu()
    {
        SandboxRequirement.Namespaces();
        string hostMtuBefore = File.ReadAllText("/sys/class/net/lo/mtu").Trim();
        var run = Run(Short(), new SandboxSettings { LoMtuBytes = 9000 });

        Assert.Equal(CaseOutcome.Passed, run.Result.Outcome);
        Assert.Equal(9000, run.Sandbox!.Link.MtuBytes);
        Assert.InRange(Assert.Single(run.Result.Repetitions).Socket!.MssBytes!.Value, 1, 9000 - 40);
        Assert.Equal(hostMtuBefore, File.ReadAllText("/sys/class/net/lo/mtu").Trim());
        Assert.NotEqual(NetworkNamespace.InodeOf("self"), run.Sandbox.NamespaceInode);
    }

    [Fact(Timeout = 60_000)]
    public void TcpRmem_SetInTheNamespace_IsReadBack_AndMetricsAreNotSaved()
    {
        SandboxRequirement.Namespaces();
        string host = SysctlName.Fold(File.ReadAllText("/proc/sys/net/ipv4/tcp_rmem"));
        string wanted = host == "4096 65536 1048576" ? "4096 65537 1048577" : "4096 65536 1048576";
        var run = Run(Short(), new SandboxSettings { Sysctls = new Dictionary<string, string> { ["net.ipv4.tcp_rmem"] = wanted } });

        Assert.Equal(CaseOutcome.Passed, run.Result.Outcome);
        Assert.Equal(wanted, run.Sandbox!.Sysctls["net.ipv4.tcp_rmem"]);
        Assert.Equal("1", run.Sandbox.Sysctls[NamespaceSetup.NoMetricsSaveKey]);
        Assert.Equal(host, SysctlName.Fold(File.ReadAllText("/proc/sys/net/ipv4/tcp_rmem")));
    }

    /// <summary>
    /// The shaper is installed, read back and holds packets back, the receiver of the shaped flow
    /// keeps the small mark, and goodput stays under the rate (net of headers, plus the burst and
    /// the receiver's mark: a read just after T0 returns what crossed the shaper before it). No
    /// lower bound: goodput below the rate is a busy host, not a fault, and a speed bound belongs
    /// to calibrate, not to a test.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public void Tbf1Gbit_IsInstalledAndCapsGoodputAtTheRateNetOfHeaders()
    {
        SandboxRequirement.Namespaces();
        const long rate = 1_000_000_000;
        const long burstBytes = 256 * 1024;
        var settings = new SandboxSettings { Qdisc = QdiscSpec.Parse("tbf:rate=1gbit,burst=256K") };
        var run = Run(Short(1_000) with { Kernel = settings }, settings);

        Assert.Equal(CaseOutcome.Passed, run.Result.Outcome);
        var rep = Assert.Single(run.Result.Repetitions);
        int lowatBytes = Assert.Single(rep.Ends, e => e.ReceiveLowatBytes is not null).ReceiveLowatBytes!.Value;
        Assert.Equal(Case.RateCappedReceiveLowatBytes, lowatBytes);
        int payload = rep.Socket!.MssBytes ?? SandboxSettings.MaxMtuBytes - 52;
        double ceiling = rate * payload / (double)(payload + HeaderBytesPerSegment) + (burstBytes + lowatBytes) * 8.0 * 1e9 / rep.ElapsedNs;
        double goodput = rep.Metrics[MetricIds.ThroughputBitsPerSecond];
        TestContext.Current.TestOutputHelper?.WriteLine($"tbf 1gbit at MTU 65536: goodput {goodput / 1e6:F1} Mbit/s, ceiling {ceiling / 1e6:F1} Mbit/s (MSS {payload})");
        Assert.InRange(goodput, 1, ceiling);
        Assert.Equal("tbf", run.Sandbox!.Qdiscs[0].Kind);
        Assert.Equal(rate / 8, run.Sandbox.Qdiscs[0].RateBytesPerSecond);
        Assert.True(run.Sandbox.Qdiscs[0].Overlimits > 0, "the shaper never held a packet back");
    }

    [Fact(Timeout = 90_000)]
    public void PfifoLimitBehindHtb_QdiscDropsFallAsTheLimitGrows()
    {
        SandboxRequirement.Namespaces();
        var drops = new List<(long Limit, long Drops)>();
        foreach (long limit in (long[])[1, 2, 4, 64])
        {
            var run = Run(Short(300), new SandboxSettings { Qdisc = QdiscSpec.Parse($"htb:rate=200mbit,child=pfifo,limit={limit}") });
            Assert.Equal(CaseOutcome.Passed, run.Result.Outcome);
            var pfifo = Assert.Single(run.Sandbox!.Qdiscs, q => q.Kind == "pfifo");
            Assert.Equal(limit, pfifo.Limit);
            drops.Add((limit, pfifo.Drops));
        }

        TestContext.Current.TestOutputHelper?.WriteLine("pfifo drops behind htb 200mbit: " + string.Join(", ", drops.Select(d => $"limit {d.Limit}: {d.Drops}")));
        Assert.True(drops[0].Drops > 0, "the smallest queue dropped nothing");
        Assert.True(drops[0].Drops > drops[^1].Drops, "drops did not fall from the smallest to the largest limit");
        for (int i = 1; i < drops.Count; i++)
        {
            // Neighbouring small limits can be close; a rise beyond 25% means the limit did not shape the drops.
            Assert.True(drops[i].Drops <= drops[i - 1].Drops * 1.25 + 2, $"drops rose from limit {drops[i - 1].Limit} to {drops[i].Limit}");
        }
    }

    [Fact(Timeout = 60_000)]
    public void ExtraAddresses_AreOnLoInsideTheNamespace()
    {
        SandboxRequirement.Namespaces();
        var run = Run(Short() with { Bind = "127.0.0.2" }, new SandboxSettings { ExtraAddresses = ["127.0.0.2", "fd00::2"] });
        Assert.Equal(CaseOutcome.Passed, run.Result.Outcome);
        Assert.Contains("127.0.0.2/32", run.Sandbox!.Link.Addresses);
        Assert.Contains("fd00::2/128", run.Sandbox.Link.Addresses);
    }

    [Fact(Timeout = 60_000)]
    public void UnixStream_RunsInTheParentsTempDirectory()
    {
        SandboxRequirement.Namespaces();
        var run = Run(Short() with { Transport = TransportKind.UnixStream }, SandboxSettings.None);
        Assert.Equal(CaseOutcome.Passed, run.Result.Outcome);
        Assert.Null(run.Result.Case.UnixDirectory);
    }

    [Fact(Timeout = 60_000)]
    public void HostWideSysctl_InsideTheNamespace_FailsTheCaseWithTheReason()
    {
        SandboxRequirement.Namespaces();
        var run = Run(Short(), new SandboxSettings { Sysctls = new Dictionary<string, string> { ["net.core.rmem_max"] = "8388608" } });
        Assert.Equal(CaseOutcome.FailedSandbox, run.Result.Outcome);
        Assert.Contains("net.core.rmem_max is read-only inside a network namespace", run.Result.Reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public void SysctlScope_IsFoundByTrying()
    {
        SandboxRequirement.Namespaces();
        var (ns, host) = SysctlScope.Classify(["net.ipv4.tcp_rmem", "net.ipv4.tcp_congestion_control", "net.unix.max_dgram_qlen", "net.core.rmem_max", "kernel.pid_max"]);
        Assert.Equal(["net.ipv4.tcp_rmem", "net.ipv4.tcp_congestion_control", "net.unix.max_dgram_qlen"], ns);
        Assert.Equal(["net.core.rmem_max", "kernel.pid_max"], host);
    }

    [Fact(Timeout = 60_000)]
    public void HostSysctls_AreJournaledAroundTheChild_AndRestored_OnAFakeRoot()
    {
        SandboxRequirement.Namespaces();
        var root = Directory.CreateTempSubdirectory("loopbench-fake-host-");
        try
        {
            var paths = FakeHost.Create(root.FullName);
            string? seenDuringCase = null;
            var runner = new SandboxedRunner(SandboxRequirement.Child(), hostPaths: paths);
            runner.ChildReady += _ => seenDuringCase = File.ReadAllText(Path.Combine(paths.ProcSysRoot, "net/core/rmem_max")).Trim();
            var settings = new SandboxSettings { HostSysctls = new Dictionary<string, string> { ["net.core.rmem_max"] = "8388608" }, AllowHostSysctls = true };

            var run = runner.RunCase(Short(), settings, 1, TestContext.Current.CancellationToken);

            Assert.Equal(CaseOutcome.Passed, run.Result.Outcome);
            Assert.Equal("8388608", seenDuringCase);
            Assert.Equal(new SysctlJournalEntry("net.core.rmem_max", "4194304", "8388608"), Assert.Single(run.HostSysctls));
            Assert.Equal("4194304", File.ReadAllText(Path.Combine(paths.ProcSysRoot, "net/core/rmem_max")).Trim());
            Assert.False(File.Exists(paths.JournalPath));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static SandboxedCaseResult Run(Case c, SandboxSettings settings) =>
        new SandboxedRunner(SandboxRequirement.Child()).RunCase(c, settings, 1, TestContext.Current.CancellationToken);
}
