using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;

namespace LoopBench.Tests.Core.Scenarios;

/// <summary>The sandbox settings as case parameters: parsing, the key, validation and the matrix rule.</summary>
public sealed class SandboxCaseTests
{
    [Fact]
    public void Parameters_FillTheKernelSettings_AndResolveToNetns()
    {
        var c = new Case();
        c = CaseParameters.Apply(c, "mtu", "9000");
        c = CaseParameters.Apply(c, "qdisc", "pfifo:limit=10");
        c = CaseParameters.Apply(c, "sysctl", "net.ipv4.tcp_rmem=4096 131072 131072");
        c = CaseParameters.Apply(c, "sysctl.net.ipv4.tcp_sack", "0");
        c = CaseParameters.Apply(c, "address", "127.0.0.9");

        Assert.Equal(9000, c.Kernel!.LoMtuBytes);
        Assert.Equal(10, c.Kernel.Qdisc!.Limit);
        Assert.Equal("4096 131072 131072", c.Kernel.Sysctls["net.ipv4.tcp_rmem"]);
        Assert.Equal("0", c.Kernel.Sysctls["net.ipv4.tcp_sack"]);
        Assert.Equal(["127.0.0.9"], c.Kernel.ExtraAddresses);
        Assert.Equal(SandboxMode.Netns, c.Resolve().Sandbox);
        Assert.Equal(SandboxMode.Host, new Case().Resolve().Sandbox);
    }

    [Fact]
    public void Key_OfAHostCase_IsUnchanged_AndANetnsKeyNamesEverySetting()
    {
        Assert.DoesNotContain("sandbox", new Case().Key, StringComparison.Ordinal);
        var c = new Case { Kernel = new SandboxSettings { LoMtuBytes = 1500, Qdisc = QdiscSpec.Parse("htb:rate=200mbit,child=pfifo,limit=4") } };
        c = CaseParameters.Apply(c, "sysctl.net.ipv4.tcp_rmem", "4096 131072 131072");

        Assert.Contains(" sandbox=netns mtu=1500 qdisc=htb:rate=200mbit,child=pfifo,limit=4 sysctl:net.ipv4.tcp_rmem=4096_131072_131072 ", c.Key, StringComparison.Ordinal);
        Assert.NotEqual(c.Key, (c with { Kernel = c.Kernel! with { LoMtuBytes = 9000 } }).Key);
    }

    [Fact]
    public void AllowHostSysctls_IsNotAScenarioParameter()
    {
        Assert.Throws<ParameterException>(() => CaseParameters.Apply(new Case(), "allow-host-sysctls", "on"));
        Assert.False(CaseParameters.IsKnown("allow-host-sysctls"));
        Assert.True(CaseParameters.IsKnown("sysctl.net.core.somaxconn"));
    }

    [Fact]
    public void Validator_RejectsOutOfPolicyMtu_TooSmallBurst_AndNamespaceSettingsOnTheHost()
    {
        var errors = CaseValidator.Validate(new Case
        {
            Sandbox = SandboxMode.Host,
            Kernel = new SandboxSettings { LoMtuBytes = 70_000, Qdisc = QdiscSpec.Parse("tbf:rate=1gbit,burst=32K") },
        });

        Assert.Contains(errors, e => e.Parameter == "mtu" && e.Message.Contains("out of range", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Parameter == "qdisc" && e.Message.Contains("burst", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Parameter == "sandbox");
    }

    [Fact]
    public void Matrix_WithOneNamespaceCase_RunsEveryCaseInANamespace_ButKeepsAnExplicitHost()
    {
        var scenario = Scenario.FromText("s.yaml", "matrix:\n  qdisc: [default, pfifo]\n", []);
        Assert.All(scenario.Cases, c => Assert.Equal(SandboxMode.Netns, c.Sandbox));

        var mixed = Scenario.FromText("s.yaml", "matrix:\n  sandbox: [host]\n  length: [64]\ninclude:\n  - { mtu: 9000 }\n", []);
        Assert.Equal([SandboxMode.Host, SandboxMode.Netns], mixed.Cases.Select(c => c.Sandbox));
        var invalid = Assert.Throws<ScenarioException>(() => Scenario.FromText("s.yaml", "matrix:\n  sandbox: [host]\n  mtu: [9000]\n", [])).Errors;
        Assert.Contains(invalid, e => e.Message.Contains("need sandbox netns", StringComparison.Ordinal));

        var plain = Scenario.FromText("s.yaml", "matrix:\n  length: [64, 128]\n", []);
        Assert.All(plain.Cases, c => Assert.Equal(SandboxMode.Host, c.Sandbox));
    }

    [Fact]
    public void SysctlAxis_InAFile_IsAParameterOfItsOwn()
    {
        var scenario = Scenario.FromText("s.yaml", "matrix:\n  sysctl.net.ipv4.tcp_rmem: ['4096 65536 65536', '4096 131072 6291456']\n", []);
        Assert.Equal(["4096 65536 65536", "4096 131072 6291456"], scenario.Cases.Select(c => c.Kernel!.Sysctls["net.ipv4.tcp_rmem"]));

        var errors = Assert.Throws<ScenarioException>(() => Scenario.FromText("s.yaml", "defaults:\n  allow-host-sysctls: on\n", [])).Errors;
        Assert.Contains(errors, e => e.ToString().StartsWith("s.yaml:2:", StringComparison.Ordinal));
    }

    [Fact]
    public void Prepare_MovesHostWideKeys_AndAsksForTheFlag()
    {
        static IReadOnlyCollection<string> Split(IReadOnlyList<string> keys) => keys.Where(k => k == "net.core.rmem_max").ToList();

        var c = CaseParameters.Apply(CaseParameters.Apply(new Case(), "sysctl", "net.core.rmem_max=8388608"), "sysctl", "net.ipv4.tcp_sack=0");
        var refused = Assert.Throws<ParameterException>(() => SandboxPlan.Prepare([c], allowHostSysctls: false, Split));
        Assert.Contains("net.core.rmem_max", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-host-sysctls", refused.Message, StringComparison.Ordinal);

        var allowed = Assert.Single(SandboxPlan.Prepare([c], allowHostSysctls: true, Split));
        Assert.Equal("8388608", allowed.Kernel!.HostSysctls["net.core.rmem_max"]);
        Assert.Equal(["net.ipv4.tcp_sack"], allowed.Kernel.Sysctls.Keys);
        Assert.True(allowed.Kernel.AllowHostSysctls);
        Assert.Empty(CaseValidator.Validate(allowed));
        Assert.Contains("host-sysctl:net.core.rmem_max=8388608", allowed.Key, StringComparison.Ordinal);
    }
}
