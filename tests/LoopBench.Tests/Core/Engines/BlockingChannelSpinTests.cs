using System.Net;
using LoopBench.Core.Engines;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Engines;

/// <summary>The blocking channel's receive spin on a real loopback connection: hits, misses and end of stream.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class BlockingChannelSpinTests
{
    [Fact(Timeout = 10_000)]
    public async Task Discard_DataAlreadyQueued_IsASpinHit()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        using var server = new BlockingChannel(pair.Server, receiveSpinTries: 16);
        pair.Client.Send(new byte[1000]);
        byte[] scratch = new byte[4096];

        int received = 0;
        while (received < 1000)
        {
            received += await server.DiscardAsync(scratch).AsTask().WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);
        }

        Assert.True(server.Counters.SpinHits >= 1);
        Assert.Equal(0, server.Counters.SpinMisses);
    }

    [Fact(Timeout = 10_000)]
    public async Task Discard_NothingQueued_SpinsOutThenBlocksUntilDataArrives()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        using var server = new BlockingChannel(pair.Server, receiveSpinTries: 4);
        byte[] scratch = new byte[4096];
        using var late = new Timer(_ => pair.Client.Send(new byte[10]), null, 100, Timeout.Infinite);

        int received = await Task.Run(() => server.DiscardAsync(scratch).AsTask()).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);

        Assert.InRange(received, 1, 10);
        Assert.Equal(1, server.Counters.SpinMisses);
        Assert.Equal(0, server.Counters.SpinHits);
        Assert.Equal(5, server.Counters.ReceiveCalls); // four tries that found nothing, then the blocking call
    }

    [Fact(Timeout = 10_000)]
    public async Task Discard_PeerHalfClosed_ReturnsEndOfStream()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        using var server = new BlockingChannel(pair.Server, receiveSpinTries: 1000);
        pair.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);

        int received = await Task.Run(() => server.DiscardAsync(new byte[64]).AsTask()).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);

        Assert.Equal(0, received);
    }

    [Fact(Timeout = 10_000)]
    public async Task Discard_NoSpin_NeverCountsSpins()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        using var server = new BlockingChannel(pair.Server);
        pair.Client.Send(new byte[10]);

        int received = await Task.Run(() => server.DiscardAsync(new byte[64]).AsTask()).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);

        Assert.InRange(received, 1, 10);
        Assert.Equal(0, server.Counters.SpinHits + server.Counters.SpinMisses);
        Assert.Equal(1, server.Counters.ReceiveCalls);
    }

    [Fact(Timeout = 10_000)]
    public async Task ReceiveBulk_QueuedDatagrams_ArriveWholeAndInOrderAsSpinHits()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Udp4, IPAddress.Loopback), TaskTimeouts.Default);
        using var server = new BlockingChannel(pair.Server, receiveSpinTries: 16);
        pair.Client.Send([1, 2, 3]);
        pair.Client.Send([4, 5]);
        byte[] buffer = new byte[64];

        int first = await server.ReceiveBulkAsync(buffer).AsTask().WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);
        Assert.Equal([1, 2, 3], buffer[..first]);
        int second = await server.ReceiveBulkAsync(buffer).AsTask().WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);
        Assert.Equal([4, 5], buffer[..second]);

        Assert.Equal(2, server.Counters.SpinHits);
        Assert.Equal(0, server.Counters.SpinMisses);
    }

    [Fact(Timeout = 10_000)]
    public async Task Receive_RequestResponseRead_NeverSpins()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        using var server = new BlockingChannel(pair.Server, receiveSpinTries: 16);
        pair.Client.Send(new byte[10]);

        int received = await Task.Run(() => server.ReceiveAsync(new byte[64]).AsTask()).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);

        Assert.InRange(received, 1, 10);
        Assert.Equal(0, server.Counters.SpinHits + server.Counters.SpinMisses);
    }
}
