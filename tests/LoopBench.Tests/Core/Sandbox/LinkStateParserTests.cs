using LoopBench.Core.Sandbox;

namespace LoopBench.Tests.Core.Sandbox;

/// <summary>Parsers over text captured from iproute2 6.x inside a namespace.</summary>
public sealed class LinkStateParserTests
{
    private const string Link = """[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":9000,"qdisc":"tbf","operstate":"UNKNOWN","txqlen":1000,"link_type":"loopback","gso_max_size":65536,"gso_max_segs":65535,"tso_max_size":524280,"tso_max_segs":65535}]""";

    private const string Addr = """[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":9000,"addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host","label":"lo"},{"family":"inet6","local":"::1","prefixlen":128,"scope":"host"}]}]""";

    private const string Htb = """[{"kind":"htb","handle":"1:","root":true,"refcnt":2,"options":{"r2q":10,"default":"0x1","direct_packets_stat":0,"direct_qlen":1000},"bytes":10,"packets":1,"drops":0,"overlimits":7,"requeues":0,"backlog":0,"qlen":0},{"kind":"pfifo","handle":"10:","parent":"1:1","options":{"limit":5},"bytes":2000,"packets":20,"drops":26,"overlimits":0,"requeues":1,"backlog":0,"qlen":0}]""";

    [Fact]
    public void Link_ReadsMtuQueueGsoAndAddresses()
    {
        var link = LinkStateParser.ParseLink(Link, Addr);
        Assert.Equal(9000, link.MtuBytes);
        Assert.Equal(1000, link.TxQueueLenPackets);
        Assert.Equal(65536, link.GsoMaxSizeBytes);
        Assert.Equal(524280, link.TsoMaxSizeBytes);
        Assert.True(link.Up);
        Assert.Equal(["127.0.0.1/8", "::1/128"], link.Addresses);
    }

    [Fact]
    public void Qdiscs_ReadKindParentLimitAndCounters()
    {
        var qdiscs = LinkStateParser.ParseQdiscs(Htb);
        Assert.Equal(2, qdiscs.Count);
        Assert.Equal(("htb", "root", 7L), (qdiscs[0].Kind, qdiscs[0].Parent, qdiscs[0].Overlimits));
        Assert.Equal(("pfifo", "1:1", 5L, 26L), (qdiscs[1].Kind, qdiscs[1].Parent, qdiscs[1].Limit!.Value, qdiscs[1].Drops));
        Assert.Equal(20, qdiscs[1].Minus(qdiscs[1] with { Drops = 6 }).Drops);
    }
}
