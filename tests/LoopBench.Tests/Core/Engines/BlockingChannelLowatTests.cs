using System.Net;
using System.Net.Sockets;
using LoopBench.Core.Engines;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Engines;

/// <summary>The blocking channel's receive low-water mark (SO_RCVLOWAT) on a real loopback connection.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class BlockingChannelLowatTests
{
    [Fact(Timeout = 10_000)]
    public async Task BulkReceive_SetsTheMark_AndWaitsUntilItIsQueued()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        using var server = new BlockingChannel(pair.Server, receiveSpinTries: 0, receiveLowatBytes: 4096);
        Assert.Null(server.ReceiveLowatReadBack); // set by the first bulk read, not by the constructor
        pair.Client.Send(new byte[1000]);
        // The kernel wakes a reader that has already copied part of its target only when a further mark's
        // worth is queued, so the late send is larger than the mark.
        using var rest = new Timer(_ => pair.Client.Send(new byte[8000]), null, 100, Timeout.Infinite);

        int received = await Task.Run(() => server.ReceiveBulkAsync(new byte[8192]).AsTask()).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);

        Assert.Equal(4096, server.ReceiveLowatReadBack);
        Assert.True(received > 4096, $"{received} B"); // not the 1000 bytes queued first
    }

    [Fact(Timeout = 10_000)]
    public async Task BulkReceive_EndOfStream_ReturnsTheShortTailThenZero()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        using var server = new BlockingChannel(pair.Server, receiveSpinTries: 0, receiveLowatBytes: 65536);
        pair.Client.Send(new byte[100]);
        pair.Client.Shutdown(SocketShutdown.Send);
        byte[] buffer = new byte[131072];

        int tail = await Task.Run(() => server.ReceiveBulkAsync(buffer).AsTask()).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);
        int end = await Task.Run(() => server.ReceiveBulkAsync(buffer).AsTask()).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);

        Assert.Equal(100, tail);
        Assert.Equal(0, end);
    }

    [Fact(Timeout = 10_000)]
    public async Task PlainReceive_NeverSetsTheMark()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        using var server = new BlockingChannel(pair.Server, receiveSpinTries: 0, receiveLowatBytes: 4096);
        pair.Client.Send(new byte[64]);

        int received = await Task.Run(() => server.ReceiveAsync(new byte[64]).AsTask()).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);

        Assert.Equal(64, received); // a request/response read keeps waking per message
        Assert.Null(server.ReceiveLowatReadBack);
        byte[] value = new byte[4];
        pair.Server.GetRawSocketOption(1, 18, value);
        Assert.Equal(1, BitConverter.ToInt32(value));
    }
}
