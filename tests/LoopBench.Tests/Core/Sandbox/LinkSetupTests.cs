using LoopBench.Core.Sandbox;

namespace LoopBench.Tests.Core.Sandbox;

/// <summary>The commands the child would run, read as a FakeSandbox would record them.</summary>
public sealed class LinkSetupTests
{
    private static List<string> Lines(SandboxSettings s) => LinkSetup.Commands(s).Select(a => string.Join(' ', a)).ToList();

    [Fact]
    public void NoSettings_OnlyBringsLoUp() => Assert.Equal(["ip link set dev lo up"], Lines(SandboxSettings.None));

    [Fact]
    public void Order_IsUp_Mtu_Txqueuelen_Addresses_Qdisc()
    {
        var lines = Lines(new SandboxSettings
        {
            LoMtuBytes = 9000,
            TxQueueLenPackets = 50,
            ExtraAddresses = ["127.0.0.2", "fd00::2"],
            Qdisc = QdiscSpec.Parse("pfifo:limit=10"),
        });
        Assert.Equal(
            [
                "ip link set dev lo up",
                "ip link set dev lo mtu 9000",
                "ip link set dev lo txqueuelen 50",
                "ip addr add 127.0.0.2/32 dev lo",
                "ip -6 addr add fd00::2/128 dev lo nodad",
                "tc qdisc replace dev lo root handle 1: pfifo limit 10",
            ],
            lines);
    }

    [Fact]
    public void Tbf_GetsRateBurstLatency()
    {
        var lines = Lines(new SandboxSettings { Qdisc = QdiscSpec.Parse("tbf:rate=1gbit,burst=256K") });
        Assert.Equal("tc qdisc replace dev lo root handle 1: tbf rate 1gbit burst 262144 latency 50ms", lines[^1]);
    }

    [Fact]
    public void Htb_IsRootClassAndChild_WithAQuantumThatFitsAPacket()
    {
        var lines = Lines(new SandboxSettings { Qdisc = QdiscSpec.Parse("htb:rate=200mbit,limit=5") });
        Assert.Equal("tc qdisc replace dev lo root handle 1: htb default 1", lines[1]);
        Assert.Equal("tc class add dev lo parent 1: classid 1:1 htb rate 200mbit ceil 200mbit quantum 200000", lines[2]);
        Assert.Equal("tc qdisc add dev lo parent 1:1 handle 10: pfifo limit 5", lines[3]);
    }

    [Theory]
    [InlineData("sfq:limit=50", "tc qdisc replace dev lo root handle 1: sfq limit 50")]
    [InlineData("cake", "tc qdisc replace dev lo root handle 1: cake")]
    public void FairQueueingQdiscs_AreOneRootCommand(string spec, string command) =>
        Assert.Equal(command, Lines(new SandboxSettings { Qdisc = QdiscSpec.Parse(spec) })[^1]);
}
