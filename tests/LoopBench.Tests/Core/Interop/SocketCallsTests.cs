using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Interop;

/// <summary>Plain send/recv on a socket's fd, and the blocking channel that uses them, over real loopback pairs.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class SocketCallsTests
{
    private static ConnectedPair Pair(TransportKind transport) => LoopbackPairs.Of(transport);

    [Fact(Timeout = 10_000)]
    public void SendAndReceive_MoveTheBytes()
    {
        using var pair = Pair(TransportKind.Tcp4);
        byte[] data = [9, 8, 7, 6, 5];
        byte[] buffer = new byte[16];

        Assert.Equal(5, SocketCalls.Send(pair.Client.SafeHandle, data, 0, out int sendErrno));
        Assert.Equal(0, sendErrno);
        Assert.Equal(5, SocketCalls.Receive(pair.Server.SafeHandle, buffer, 0, out int receiveErrno));
        Assert.Equal(0, receiveErrno);
        Assert.Equal(data, buffer[..5]);
    }

    [Fact(Timeout = 10_000)]
    public void Receive_Empty_WithDontWait_ReturnsEAgain()
    {
        using var pair = Pair(TransportKind.Udp4);

        Assert.Equal(-1, SocketCalls.Receive(pair.Server.SafeHandle, new byte[8], Libc.MsgDontWait, out int errno));
        Assert.Equal(Libc.EAgain, errno);
        Assert.Equal("WouldBlock", SocketCalls.ErrorName(errno));
    }

    [Fact(Timeout = 10_000)]
    public void Send_AfterThePeerClosed_ReturnsAnErrnoInsteadOfRaisingSigpipe()
    {
        using var pair = Pair(TransportKind.UnixStream);
        pair.Server.Dispose();

        int sent = SocketCalls.Send(pair.Client.SafeHandle, new byte[64], 0, out int errno);

        Assert.Equal(-1, sent);
        Assert.Equal("Shutdown", SocketCalls.ErrorName(errno)); // EPIPE, as Socket names it
    }

    [Fact(Timeout = 10_000)]
    public void Calls_OnADisposedSocket_ReportEBadF()
    {
        var pair = Pair(TransportKind.Tcp4);
        var handle = pair.Client.SafeHandle;
        pair.Dispose();

        Assert.Equal(-1, SocketCalls.Receive(handle, new byte[8], 0, out int errno));
        Assert.Equal(SocketCalls.EBadF, errno);
        Assert.Equal("OperationAborted", SocketCalls.ErrorName(errno));
    }

    [Fact]
    public void ErrorName_UnknownErrno_NamesTheNumberAndItsMessage()
    {
        Assert.StartsWith("errno 2 (", SocketCalls.ErrorName(2), StringComparison.Ordinal);
        Assert.Equal("ConnectionRefused", SocketCalls.ErrorName(111));
    }

    [Fact(Timeout = 10_000)]
    public async Task FdBlocks_FalseOnceDotnetMadeAnAsyncCall()
    {
        using var pair = Pair(TransportKind.Tcp4);
        Assert.True(SocketCalls.FdBlocks(pair.Server));

        await pair.Client.SendAsync(new byte[] { 1 }, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await pair.Server.ReceiveAsync(new byte[1], TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        pair.Server.Blocking = true;

        Assert.False(SocketCalls.FdBlocks(pair.Server), ".NET keeps O_NONBLOCK after an async call");
    }

    [Theory(Timeout = 10_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BlockingChannel_TimesOutAsSocketDoes_OnABlockingOrANonBlockingFd(bool asyncBefore)
    {
        using var pair = Pair(TransportKind.Udp4);
        if (asyncBefore)
        {
            await pair.Client.SendAsync(new byte[] { 1 }, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            await pair.Server.ReceiveAsync(new byte[8], TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        }

        pair.Server.ReceiveTimeout = 50;
        using var channel = new BlockingChannel(pair.Server);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        int received = await channel.ReceiveAsync(new byte[8]);

        Assert.Equal(-1, received);
        Assert.Equal("TimedOut", channel.LastError);
        Assert.InRange(watch.ElapsedMilliseconds, 40, 5_000); // it waited: a non-blocking fd did not return EAGAIN at once
    }
}
