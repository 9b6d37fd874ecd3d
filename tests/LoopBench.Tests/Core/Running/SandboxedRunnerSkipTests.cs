using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;

namespace LoopBench.Tests.Core.Running;

/// <summary>Skips and bad settings decided before any child starts (a fake capability probe).</summary>
public sealed class SandboxedRunnerSkipTests
{
    private static readonly Capabilities Able = new(
        true, true, true, null, ["reno", "cubic"], ["reno", "cubic"],
        [new("pfifo", true, null), new("htb", true, null), new("tbf", true, null), new("netem", false, "Error: Specified qdisc kind is unknown.")],
        true, new(StringComparer.Ordinal), new(StringComparer.Ordinal));

    private static readonly SandboxChildCommand NeverStarted = new("/nonexistent/loopbench", []);

    private static SandboxedCaseResult Run(Case c, SandboxSettings s, Capabilities caps) =>
        new SandboxedRunner(NeverStarted, () => caps).RunCase(c, s, 1, TestContext.Current.CancellationToken);

    [Fact]
    public void NoNamespacePermission_SkipsWithTheReason()
    {
        var run = Run(new Case(), new SandboxSettings { LoMtuBytes = 9000 }, Able with { CanCreateNetworkNamespace = false, NamespaceError = "needs CAP_NET_ADMIN for unshare(CLONE_NEWNET)" });
        Assert.Equal(CaseOutcome.SkippedSandbox, run.Result.Outcome);
        Assert.Contains("CAP_NET_ADMIN", run.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingQdisc_SkipsWithTheKernelsMessage()
    {
        var run = Run(new Case(), new SandboxSettings { Qdisc = QdiscSpec.Parse("netem:delay=1ms") }, Able);
        Assert.Equal(CaseOutcome.SkippedSandbox, run.Result.Outcome);
        Assert.Contains("qdisc netem does not work on this kernel", run.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingCongestionControl_Skips()
    {
        var run = Run(new Case(), new SandboxSettings { Sysctls = new Dictionary<string, string> { ["net.ipv4.tcp_congestion_control"] = "bbr" } }, Able);
        Assert.Equal(CaseOutcome.SkippedSandbox, run.Result.Outcome);
        Assert.Contains("'bbr' is not available", run.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AvailableButNotAllowedDefault_SkipsAndPointsAtPerSocketCongestion()
    {
        var caps = Able with { CongestionControlAvailable = ["reno", "bbr", "cubic"], CongestionControlAllowed = ["reno", "bbr"] };
        var run = Run(new Case(), new SandboxSettings { Sysctls = new Dictionary<string, string> { ["net.ipv4.tcp_congestion_control"] = "cubic" } }, caps);
        Assert.Equal(CaseOutcome.SkippedSandbox, run.Result.Outcome);
        Assert.Contains("tcp_allowed_congestion_control: reno bbr", run.Result.Reason, StringComparison.Ordinal);
        Assert.Contains("congestion: cubic (per socket)", run.Result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1000, true)]
    [InlineData(1279, true)]
    [InlineData(1280, false)]
    public void Tcp6_BelowMtu1280_IsSkipped_BecauseTheKernelRemovesLoopbackV6(int mtu, bool skipped)
    {
        var c = new Case { Transport = TransportKind.Tcp6 }.Resolve();
        string? reason = SandboxedRunner.SkipReason(c, new SandboxSettings { LoMtuBytes = mtu }, Able);
        Assert.Equal(skipped, reason is not null);
        if (skipped)
        {
            Assert.Contains("removes ::1 from lo", reason, StringComparison.Ordinal);
            Assert.Null(SandboxedRunner.SkipReason(new Case().Resolve(), new SandboxSettings { LoMtuBytes = mtu }, Able)); // tcp4 runs
        }
    }

    [Fact]
    public void InvalidSettings_FailWithEveryProblem()
    {
        var run = Run(new Case(), new SandboxSettings { LoMtuBytes = 10, Qdisc = QdiscSpec.Parse("tbf:burst=1K") }, Able);
        Assert.Equal(CaseOutcome.FailedSandbox, run.Result.Outcome);
        Assert.Contains("mtu:", run.Result.Reason, StringComparison.Ordinal);
        Assert.Contains("qdisc:", run.Result.Reason, StringComparison.Ordinal);
    }
}
