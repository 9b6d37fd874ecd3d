using LoopBench.Core.Sandbox;

namespace LoopBench.Tests.Core.Sandbox;

public sealed class SandboxParametersTests
{
    [Fact]
    public void Parameters_BuildSettings_AndRepeatablesAdd()
    {
        var s = SandboxSettings.None;
        foreach (var (name, value) in new[]
        {
            ("mtu", "9000"), ("txqueuelen", "100"), ("qdisc", "tbf:rate=1gbit,burst=256K"),
            ("address", "127.0.0.2"), ("address", "fd00::2"),
            ("sysctl", "net.ipv4.tcp_rmem='4096 65536 1048576'"), ("sysctl", "net/ipv4/tcp_congestion_control=reno"),
            ("host-sysctl", "net.core.rmem_max=8388608"), ("allow-host-sysctls", "on"),
        })
        {
            s = SandboxParameters.Apply(s, name, value);
        }

        Assert.Equal(9000, s.LoMtuBytes);
        Assert.Equal(100, s.TxQueueLenPackets);
        Assert.Equal("tbf:rate=1gbit,burst=262144", s.Qdisc!.ToString());
        Assert.Equal(["127.0.0.2", "fd00::2"], s.ExtraAddresses);
        Assert.Equal("4096 65536 1048576", s.Sysctls["net.ipv4.tcp_rmem"]);
        Assert.Equal("reno", s.Sysctls["net.ipv4.tcp_congestion_control"]);
        Assert.Equal("8388608", s.HostSysctls["net.core.rmem_max"]);
        Assert.True(s.AllowHostSysctls);
        Assert.Empty(SandboxValidator.Validate(s));
    }

    [Theory]
    [InlineData("mtu", "nine thousand", "mtu: 'nine thousand' is not a whole number")]
    [InlineData("qdisc", "choke", "unknown qdisc 'choke'")]
    [InlineData("sysctl", "net.ipv4.tcp_rmem", "is not key=value")]
    [InlineData("lo-speed", "1", "unknown sandbox parameter")]
    public void BadText_GivesAClearMessage(string name, string value, string hint)
    {
        var ex = Assert.Throws<SandboxSettingsException>(() => SandboxParameters.Apply(SandboxSettings.None, name, value));
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
    }
}
