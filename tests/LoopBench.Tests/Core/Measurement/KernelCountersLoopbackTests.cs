using System.Net;
using System.Net.Sockets;
using LoopBench.Core.Measurement;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Measurement;

[Trait(Traits.Category, Traits.Loopback)]
public sealed class KernelCountersLoopbackTests
{
    [Fact(Timeout = 15_000)]
    public void UdpFloodIntoMinimalReceiveBuffer_ShowsRcvbufErrorsRising()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.ReceiveBufferSize = 1; // the kernel raises it to its minimum (SOCK_MIN_RCVBUF)
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Connect(receiver.LocalEndPoint!);
        var datagram = new byte[1024];

        var before = KernelCounters.Snapshot();
        for (int i = 0; i < 500; i++)
        {
            sender.Send(datagram); // nobody reads: all but the first few overflow the receive buffer
        }

        var after = KernelCounters.Snapshot();
        var delta = KernelCounters.Delta(before, after);

        var errors = Assert.Single(delta, d => d.Name == "Udp.RcvbufErrors");
        Assert.InRange(errors.Delta, 400, long.MaxValue); // other tests may add more, never fewer
        Assert.Equal("UDP receive buffer errors: datagrams dropped because the receive buffer was full", errors.Meaning);
        Assert.Contains(delta, d => d.Name == "Udp.OutDatagrams" && d.Delta >= 500);
        Assert.Contains(delta, d => d.Name == "dev.lo.rx_packets" && d.Delta >= 500);
        Assert.DoesNotContain(delta, d => d.Delta == 0);
    }

    [Fact(Timeout = 15_000)]
    public void Snapshot_ReadsEverySource()
    {
        var snapshot = KernelCounters.Snapshot();
        Assert.Contains("Tcp.InSegs", snapshot.Values.Keys);
        Assert.Contains("TcpExt.TCPBacklogDrop", snapshot.Values.Keys);
        Assert.Contains("dev.lo.rx_packets", snapshot.Values.Keys);
        Assert.Contains("softnet.time_squeeze", snapshot.Values.Keys);
        Assert.Contains("sockstat.TCP.tw", snapshot.Values.Keys);
        if (snapshot.LoQdiscKind is null)
        {
            Assert.Contains(snapshot.Notes, n => n.Contains("tc", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains("qdisc.lo.packets", snapshot.Values.Keys);
        }
    }
}
