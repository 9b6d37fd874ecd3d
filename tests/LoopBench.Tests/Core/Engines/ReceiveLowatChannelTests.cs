using System.Net;
using System.Net.Sockets;
using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Engines;

/// <summary>The receive low-water mark (SO_RCVLOWAT) a one-way TCP receiver sets, on real loopback connections.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class ReceiveLowatChannelTests
{
    /// <summary>A mark above half of the locked buffer below, as a user may ask for.</summary>
    private const int LargeMarkBytes = 1024 * 1024;

    [Fact(Timeout = 10_000)]
    public async Task BulkReceive_SetsTheMark_AndWaitsUntilItIsQueued()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        using var server = EngineFactory.Create(EngineKind.Blocking, receiveLowatBytes: 4096).Open(pair.Server);
        Assert.Equal(0, server.Counters.ReceiveLowatBytes); // set by the first bulk read, not at open
        pair.Client.Send(new byte[1000]);
        // The kernel wakes a reader that has already copied part of its target only when a further mark's
        // worth is queued, so the late send is larger than the mark.
        using var rest = new Timer(_ => pair.Client.Send(new byte[8000]), null, 100, Timeout.Infinite);

        int received = await Task.Run(() => server.ReceiveBulkAsync(new byte[8192]).AsTask()).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);

        Assert.Equal(4096, server.Counters.ReceiveLowatBytes);
        Assert.True(received > 4096, $"{received} B"); // not the 1000 bytes queued first
    }

    [Fact(Timeout = 10_000)]
    public async Task BulkReceive_EndOfStream_ReturnsTheShortTailThenZero()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        using var server = EngineFactory.Create(EngineKind.Blocking, receiveLowatBytes: 65536).Open(pair.Server);
        pair.Client.Send(new byte[100]);
        pair.Client.Shutdown(SocketShutdown.Send);
        byte[] buffer = new byte[131072];

        int tail = await Task.Run(() => server.ReceiveBulkAsync(buffer).AsTask()).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);
        int end = await Task.Run(() => server.ReceiveBulkAsync(buffer).AsTask()).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);

        Assert.Equal(100, tail);
        Assert.Equal(0, end);
    }

    [Theory(Timeout = 10_000)]
    [InlineData(EngineKind.Blocking)]
    [InlineData(EngineKind.AsyncInline)]
    [InlineData(EngineKind.PipelinesInline)]
    public async Task BulkReceive_LargeMarkOnALockedSmallBuffer_IsCappedAtHalfIt_AndTheStreamFlows(EngineKind engine)
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        pair.Server.ReceiveBufferSize = 64 * 1024; // locks SO_RCVBUF; the kernel doubles it
        int bufferBytes = pair.Server.ReceiveBufferSize;
        using var server = EngineFactory.Create(engine, receiveLowatBytes: LargeMarkBytes).Open(pair.Server);
        const long total = 4L * 1024 * 1024;
        Task send = Task.Run(() =>
        {
            byte[] chunk = new byte[131072];
            for (long sent = 0; sent < total; sent += chunk.Length)
            {
                pair.Client.Send(chunk);
            }

            pair.Client.Shutdown(SocketShutdown.Send);
        }, TestContext.Current.CancellationToken);
        byte[] buffer = new byte[131072];
        long received = 0;

        await Task.Run(async () =>
        {
            int n;
            while ((n = await server.ReceiveBulkAsync(buffer)) > 0)
            {
                received += n;
            }
        }, TestContext.Current.CancellationToken).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);
        await send.WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);

        Assert.True(LargeMarkBytes > bufferBytes / 2, $"buffer {bufferBytes} B"); // the case under test
        Assert.Equal(bufferBytes / 2, server.Counters.ReceiveLowatBytes); // what took effect, not what was asked
        Assert.Equal(total, received);
    }

    [Fact(Timeout = 10_000)]
    public async Task PlainReceive_NeverSetsTheMark()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        using var server = EngineFactory.Create(EngineKind.Blocking, receiveLowatBytes: 4096).Open(pair.Server);
        pair.Client.Send(new byte[64]);

        int received = await Task.Run(() => server.ReceiveAsync(new byte[64]).AsTask()).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);

        Assert.Equal(64, received); // a request/response read keeps waking per message
        Assert.Equal(0, server.Counters.ReceiveLowatBytes);
        byte[] value = new byte[4];
        pair.Server.GetRawSocketOption(SocketOptionNumbers.SolSocket, SocketOptionNumbers.SoRcvLowat, value);
        Assert.Equal(1, BitConverter.ToInt32(value));
    }
}
