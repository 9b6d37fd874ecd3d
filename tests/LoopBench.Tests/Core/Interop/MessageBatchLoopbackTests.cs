using System.Net;
using LoopBench.Core.Interop;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Interop;

/// <summary>sendmmsg/recvmmsg and UDP_GRO against the kernel, on a connected UDP pair over 127.0.0.1.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class MessageBatchLoopbackTests
{
    private const int Length = 64;

    [Fact(Timeout = 10_000)]
    public void SendAndReceive_EightDatagramsInOneCallEach()
    {
        using var pair = Udp4();
        var send = new MessageBatch(8, Length);
        for (int i = 0; i < 8; i++)
        {
            send.Data.Slice(i * Length, Length).Fill((byte)(i + 1));
        }

        Assert.Equal(8, send.Send(pair.Client, 8));
        var receive = new MessageBatch(16, Length);
        int got = 0;
        while (got < 8)
        {
            int n = receive.Receive(pair.Server, Libc.MsgWaitForOne);
            Assert.True(n > 0, $"recvmmsg returned {n}");
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(Length, receive.Received(i));
                Assert.All(receive.ReceivedData(i).ToArray(), b => Assert.Equal((byte)(got + i + 1), b));
            }

            got += n;
        }

        Assert.Equal(8, got);
        Assert.Equal(-Libc.EAgain, receive.Receive(pair.Server, Libc.MsgDontWait)); // nothing more queued
    }

    [Fact(Timeout = 10_000)]
    public void Gro_KeepsAGsoSendWhole_AndNamesItsSegmentSize_PlainSendsComeWithoutCmsg()
    {
        using var pair = Udp4();
        SetInt(pair.Server, SocketOptionNumbers.UdpGro, 1);
        var receive = new MessageBatch(4, 65_536, UdpGroControl.ControlBytes);

        var plain = new MessageBatch(1, Length);
        Assert.Equal(1, plain.Send(pair.Client, 1));
        Assert.Equal(1, receive.Receive(pair.Server, Libc.MsgWaitForOne));
        Assert.Equal(Length, receive.Received(0));
        Assert.Equal(0, UdpGroControl.SegmentSize(receive.ReceivedControl(0)));

        SetInt(pair.Client, 103, Length); // UDP_SEGMENT: this send leaves as 8 segments of 64 B
        var gso = new MessageBatch(1, 8 * Length);
        Assert.Equal(1, gso.Send(pair.Client, 1));
        Assert.Equal(1, receive.Receive(pair.Server, Libc.MsgWaitForOne));
        int segment = UdpGroControl.SegmentSize(receive.ReceivedControl(0));
        Assert.Equal(Length, segment);
        Assert.Equal(8 * Length, receive.Received(0)); // all 8 segments, coalesced into one receive
    }

    [Fact(Timeout = 10_000)]
    public void Send_OnADisposedSocket_IsAValue()
    {
        var pair = Udp4();
        pair.Dispose();
        Assert.Equal(-Libc.EBadF, new MessageBatch(2, Length).Send(pair.Client, 2));
        Assert.Equal(-Libc.EBadF, new MessageBatch(2, Length).Receive(pair.Server, Libc.MsgDontWait));
    }

    private static ConnectedPair Udp4()
    {
        var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Udp4, IPAddress.Loopback), TimeSpan.FromSeconds(5));
        pair.Server.ReceiveTimeout = 2000;
        return pair;
    }

    private static void SetInt(System.Net.Sockets.Socket socket, int option, int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(bytes, value);
        socket.SetRawSocketOption(SocketOptionNumbers.IpProtoUdp, option, bytes);
    }
}
