using LoopBench.Core.Measurement;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Measurement;

public sealed class KernelCounterParsersTests
{
    [Fact]
    public void ParseSnmp_KeepsAskedGroups_WithGroupDotName()
    {
        var values = new Dictionary<string, long>();
        KernelCounterParsers.ParseSnmp(ProcSamples.Snmp, values, KernelCounters.Groups);
        KernelCounterParsers.ParseSnmp(ProcSamples.Netstat, values, KernelCounters.Groups);

        Assert.Equal(-1, values["Tcp.MaxConn"]);
        Assert.Equal(67_859, values["Udp.RcvbufErrors"]);
        Assert.Equal(0, values["UdpLite.RcvbufErrors"]);
        Assert.True(values.ContainsKey("TcpExt.TCPBacklogDrop"));
        Assert.True(values["IpExt.InOctets"] > 0);
        Assert.DoesNotContain(values.Keys, k => k.StartsWith("Icmp", StringComparison.Ordinal) || k.StartsWith("MPTcpExt", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseNetDev_ReadsLoOnly()
    {
        var values = new Dictionary<string, long>();
        KernelCounterParsers.ParseNetDev(ProcSamples.NetDev, "lo", values);
        Assert.Equal(8, values.Count);
        Assert.True(values["dev.lo.rx_packets"] > 0);
        Assert.Equal(values["dev.lo.rx_packets"], values["dev.lo.tx_packets"]);
        Assert.Equal(0, values["dev.lo.rx_drop"]);
    }

    [Fact]
    public void ParseSoftnet_IsHexPerCpuWithTotals()
    {
        var values = new Dictionary<string, long>();
        KernelCounterParsers.ParseSoftnet("0000000a 00000001 000000ff 0 0 0 0 0 0 0 0 0 00000000 0 0\n00000010 00000002 00000001 0 0 0 0 0 0 0 0 0 00000001 0 0\n", values);
        Assert.Equal(26, values["softnet.processed"]);
        Assert.Equal(3, values["softnet.dropped"]);
        Assert.Equal(256, values["softnet.time_squeeze"]);
        Assert.Equal(255, values["softnet.cpu0.time_squeeze"]);
        Assert.Equal(2, values["softnet.cpu1.dropped"]);

        var recorded = new Dictionary<string, long>();
        KernelCounterParsers.ParseSoftnet(ProcSamples.Softnet, recorded);
        Assert.True(recorded.ContainsKey("softnet.cpu1.processed"));
    }

    [Fact]
    public void ParseSockstat_ReadsTimeWait()
    {
        var values = new Dictionary<string, long>();
        KernelCounterParsers.ParseSockstat(ProcSamples.Sockstat, values);
        Assert.True(values.ContainsKey("sockstat.TCP.tw"));
        Assert.True(values.ContainsKey("sockstat.FRAG.memory"));
        Assert.True(values["sockstat.sockets.used"] > 0);
    }

    [Fact]
    public void ParseQdisc_ReadsTheRootQdiscOfTcJson()
    {
        var values = new Dictionary<string, long>();
        string? kind = KernelCounterParsers.ParseQdisc(ProcSamples.Qdisc, "lo", values);
        Assert.Equal("fq", kind);
        Assert.Equal((7L, 12L, 3L, 1514L, 321L), (values["qdisc.lo.drops"], values["qdisc.lo.overlimits"], values["qdisc.lo.requeues"], values["qdisc.lo.backlog"], values["qdisc.lo.packets"]));
    }

    [Fact]
    public void Delta_ReportsOnlyChangedCounters_WithMeanings()
    {
        var before = new KernelCounterSnapshot(new Dictionary<string, long> { ["Udp.RcvbufErrors"] = 10, ["Tcp.InSegs"] = 5, ["sockstat.TCP.tw"] = 3, ["softnet.cpu1.time_squeeze"] = 0 }, "noqueue", []);
        var after = new KernelCounterSnapshot(new Dictionary<string, long> { ["Udp.RcvbufErrors"] = 42, ["Tcp.InSegs"] = 5, ["sockstat.TCP.tw"] = 1, ["softnet.cpu1.time_squeeze"] = 2, ["Tcp.New"] = 1 }, "noqueue", []);
        var delta = KernelCounters.Delta(before, after);

        Assert.Equal(["Udp.RcvbufErrors", "sockstat.TCP.tw", "softnet.cpu1.time_squeeze"], delta.Select(d => d.Name)); // ordinal
        var udp = delta[0];
        Assert.Equal((10L, 42L, 32L, "counter"), (udp.Before, udp.After, udp.Delta, udp.Kind));
        Assert.Equal("UDP receive buffer errors: datagrams dropped because the receive buffer was full", udp.Meaning);
        Assert.Equal(("gauge", -2L), (delta[1].Kind, delta[1].Delta));
        Assert.Contains("on cpu1", delta[2].Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TcpExt.TCPBacklogDrop", "socket backlog")]
    [InlineData("TcpExt.SomethingNew", "TCP extended counter SomethingNew")]
    [InlineData("dev.lo.rx_drop", "dropped on receive by lo")]
    [InlineData("qdisc.lo.requeues", "requeue")]
    [InlineData("sockstat.TCP.tw", "TIME_WAIT")]
    public void Catalog_ExplainsCountersInWords(string name, string part)
    {
        Assert.Contains(part, CounterCatalog.Describe(name).Meaning, StringComparison.Ordinal);
    }
}
