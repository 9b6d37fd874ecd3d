using LoopBench.Core.Sandbox;

namespace LoopBench.Tests.Core.Sandbox;

public sealed class SandboxValidatorTests
{
    private static string Errors(SandboxSettings s) => string.Join(" | ", SandboxValidator.Validate(s).Select(e => $"{e.Setting}: {e.Message}"));

    [Theory]
    [InlineData(67)]
    [InlineData(65537)]
    [InlineData(0)]
    public void Mtu_OutOfRange_SaysItIsLoopBenchPolicy(int mtu)
    {
        string errors = Errors(new SandboxSettings { LoMtuBytes = mtu });
        Assert.Contains("mtu:", errors, StringComparison.Ordinal);
        Assert.Contains("LoopBench's policy", errors, StringComparison.Ordinal);
        Assert.Contains("1280..65536", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(68)]
    [InlineData(576)]
    [InlineData(1500)]
    [InlineData(65536)]
    public void Mtu_InRange_IsValid(int mtu) => Assert.Empty(Errors(new SandboxSettings { LoMtuBytes = mtu }));

    [Fact]
    public void TbfBurst_SmallerThanOnePacket_IsRejected_NamingTheSizes()
    {
        string errors = Errors(new SandboxSettings { Qdisc = QdiscSpec.Parse("tbf:rate=1gbit,burst=32K") });
        Assert.Contains("burst 32768 B is smaller than one full packet at lo MTU 65536", errors, StringComparison.Ordinal);
        Assert.Contains("65550 B", errors, StringComparison.Ordinal);
        Assert.Empty(Errors(new SandboxSettings { LoMtuBytes = 9000, Qdisc = QdiscSpec.Parse("tbf:rate=1gbit,burst=32K") }));
    }

    [Theory]
    [InlineData("tbf:burst=256K", "needs rate=")]
    [InlineData("tbf:rate=1gbit", "needs burst=")]
    [InlineData("htb:child=pfifo", "needs rate=")]
    [InlineData("pfifo:rate=1gbit", "takes no rate")]
    [InlineData("pfifo:latency=5ms", "latency= is a tbf parameter")]
    [InlineData("pfifo_fast:limit=5", "takes no limit")]
    [InlineData("cake:limit=5", "cake takes no limit")]
    [InlineData("sfq:rate=1gbit", "sfq takes no rate")]
    [InlineData("htb:rate=1gbit,child=bfifo,limit=1000", "holds no full packet")]
    public void Qdisc_Inconsistent_IsRejected(string spec, string hint) =>
        Assert.Contains(hint, Errors(new SandboxSettings { Qdisc = QdiscSpec.Parse(spec) }), StringComparison.Ordinal);

    [Theory]
    [InlineData("127.0.0.2", null)]
    [InlineData("127.1.2.3", null)]
    [InlineData("fd00::5", null)]
    [InlineData("10.0.0.1", "not in 127.0.0.0/8")]
    [InlineData("::1", "always there")]
    [InlineData("nonsense", "not an IP address")]
    public void ExtraAddresses_AreLoopbackOnly(string address, string? hint)
    {
        string errors = Errors(new SandboxSettings { ExtraAddresses = [address] });
        if (hint is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(hint, errors, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ipv6Address_BelowMtu1280_IsRejected() =>
        Assert.Contains("needs lo MTU ≥ 1280", Errors(new SandboxSettings { LoMtuBytes = 1000, ExtraAddresses = ["fd00::1"] }), StringComparison.Ordinal);

    [Fact]
    public void HostSysctls_WithoutAllow_AreRefused()
    {
        var host = new SortedDictionary<string, string> { ["net.core.rmem_max"] = "8388608" };
        Assert.Contains("--allow-host-sysctls", Errors(new SandboxSettings { HostSysctls = host }), StringComparison.Ordinal);
        Assert.Empty(Errors(new SandboxSettings { HostSysctls = host, AllowHostSysctls = true }));
    }

    [Theory]
    [InlineData("net..ipv4")]
    [InlineData("../../etc/passwd")]
    [InlineData("tcp_rmem")]
    public void SysctlNames_WithPathTricks_AreRejected(string key) =>
        Assert.Contains("is not a sysctl name", Errors(new SandboxSettings { Sysctls = new Dictionary<string, string> { [key] = "1" } }), StringComparison.Ordinal);
}
