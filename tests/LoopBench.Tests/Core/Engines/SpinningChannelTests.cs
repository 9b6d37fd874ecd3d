using System.Diagnostics;
using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Engines;

/// <summary>Spin mode's channel over real loopback pairs: it completes, times out, aborts and allocates nothing.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class SpinningChannelTests
{
    private static ConnectedPair Pair(TransportKind transport) => LoopbackPairs.Of(transport);

    /// <summary>The blocking engine's channels complete every call before they return.</summary>
    private static int Done(ValueTask<int> call)
    {
        Assert.True(call.IsCompletedSuccessfully, "a spinning call returned before completing");
        return call.GetAwaiter().GetResult();
    }

    /// <summary>As <see cref="Done"/>, for worker threads, where a failed assertion would end the test process.</summary>
    private static int Value(ValueTask<int> call) => call.IsCompletedSuccessfully ? call.Result : -2;

    [Fact(Timeout = 10_000)]
    public void Receive_NothingArrives_FailsTimedOutAfterTheSocketsReceiveTimeout()
    {
        using var pair = Pair(TransportKind.Udp4);
        pair.Client.ReceiveTimeout = 50;
        using var channel = new SpinningChannel(pair.Client);
        byte[] buffer = new byte[64];

        var watch = Stopwatch.StartNew();
        int received = Done(channel.ReceiveAsync(buffer));
        watch.Stop();

        Assert.Equal(-1, received);
        Assert.Equal("TimedOut", channel.LastError);
        Assert.InRange(watch.ElapsedMilliseconds, 45, 5_000);
        Assert.True(channel.Counters.ReceiveCalls > SpinningChannel.PollsPerClockCheck, $"{channel.Counters.ReceiveCalls} polls");
    }

    [Fact(Timeout = 10_000)]
    public void Receive_DataArrives_ReturnsItWithoutBlocking()
    {
        using var pair = Pair(TransportKind.UnixStream);
        using var client = new SpinningChannel(pair.Client);
        using var server = new SpinningChannel(pair.Server);
        byte[] request = [1, 2, 3, 4];
        byte[] buffer = new byte[16];

        Assert.Equal(4, Done(client.SendAsync(request)));
        Assert.Equal(4, Done(server.ReceiveAsync(buffer)));
        Assert.Equal(request, buffer[..4]);
        Assert.True(pair.Server.Blocking, "the socket stays blocking; only MSG_DONTWAIT makes each call non-blocking");
    }

    [Fact(Timeout = 10_000)]
    public void Receive_PeerHalfCloses_ReturnsEndOfStream()
    {
        using var pair = Pair(TransportKind.Tcp4);
        using var server = new SpinningChannel(pair.Server);
        pair.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        Assert.Equal(0, Done(server.ReceiveAsync(new byte[16])));
    }

    [Fact(Timeout = 10_000)]
    public void Abort_WhileSpinningWithoutTimeout_EndsTheCall()
    {
        using var pair = Pair(TransportKind.UnixStream);
        var channel = new SpinningChannel(pair.Server);
        int result = 0;
        var spinner = new Thread(() => result = Value(channel.ReceiveAsync(new byte[16]))) { IsBackground = true };
        spinner.Start();
        Thread.Sleep(50);

        channel.Abort();

        Assert.True(spinner.Join(TimeSpan.FromSeconds(5)), "the spinning receive did not end after Abort");
        Assert.Equal(-1, result);
        Assert.Equal("OperationAborted", channel.LastError);
    }

    /// <summary>Abort's shutdown can land while a receive is in the kernel; the call still reports the abort, never the peer's end of stream.</summary>
    [Fact(Timeout = 30_000)]
    public void Abort_RacingTheSpinningReceive_AlwaysReportsTheAbort()
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            using var pair = Pair(TransportKind.UnixStream);
            var channel = new SpinningChannel(pair.Server);
            int result = 0;
            using var spinning = new ManualResetEventSlim();
            var spinner = new Thread(() =>
            {
                spinning.Set();
                result = Value(channel.ReceiveAsync(new byte[16]));
            }) { IsBackground = true };
            spinner.Start();
            Assert.True(spinning.Wait(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
            Thread.SpinWait(attempt * 50);

            channel.Abort();

            Assert.True(spinner.Join(TimeSpan.FromSeconds(5)), $"attempt {attempt}: the spinning receive did not end after Abort");
            Assert.True(result == -1 && channel.LastError == "OperationAborted", $"attempt {attempt}: {result}, {channel.LastError}");
        }
    }

    [Fact(Timeout = 10_000)]
    public void Send_QueueFull_PollsUntilThePeerReads()
    {
        // unix-dgram: a receiver's queue holds net.unix.max_dgram_qlen datagrams; past it, send would block (EAGAIN).
        using var pair = Pair(TransportKind.UnixDgram);
        using var client = new SpinningChannel(pair.Client);
        byte[] datagram = new byte[64];
        pair.Client.Blocking = false;
        int queued = 0;
        while (queued < 100_000 && pair.Client.Send(datagram, System.Net.Sockets.SocketFlags.None, out var error) > 0 && error == System.Net.Sockets.SocketError.Success)
        {
            queued++;
        }

        Assert.InRange(queued, 1, 99_999);
        int sent = 0;
        var sender = new Thread(() => sent = Value(client.SendAsync(datagram))) { IsBackground = true };
        sender.Start();
        Thread.Sleep(50);
        Assert.True(sender.IsAlive, "the send should still be polling a full queue");

        pair.Server.Receive(new byte[64]);

        Assert.True(sender.Join(TimeSpan.FromSeconds(5)), "the send did not complete once the peer read");
        Assert.Equal(datagram.Length, sent);
        Assert.True(client.Counters.SendCalls > 1, $"{client.Counters.SendCalls} send calls");
    }

    [Theory(Timeout = 30_000)]
    [InlineData(TransportKind.Tcp4)]
    [InlineData(TransportKind.Udp4)]
    public void PingPong_PinnedSplit_AllocatesNothingPerRoundTrip(TransportKind transport)
    {
        var cpus = CpuAffinity.GetAllowedCpus();
        Assert.SkipWhen(cpus.Count < 2, "two spinners need 2 allowed CPUs");
        PingPong(transport, cpus, 2_000); // warm-up: JIT and first calls
        long small = PingPong(transport, cpus, 2_000);
        long large = PingPong(transport, cpus, 10_000);
        // a per-message allocation of even one 24-byte object would add ≥ 190 KB to the larger run
        Assert.InRange(large - small, long.MinValue, 1024);
        Assert.InRange(large, 0, 4096);
    }

    /// <summary>Round trips between two pinned spinning channels; returns the client thread's allocated bytes.</summary>
    private static long PingPong(TransportKind transport, IReadOnlyList<int> cpus, int roundTrips)
    {
        using var pair = Pair(transport);
        using var client = new SpinningChannel(pair.Client);
        using var server = new SpinningChannel(pair.Server);
        long allocated = -1;
        var echo = new Thread(() =>
        {
            CpuAffinity.PinCurrentThread(cpus[1]);
            byte[] buffer = new byte[64];
            for (int i = 0; i < roundTrips; i++)
            {
                if (Value(server.ReceiveAsync(buffer)) != 64 || Value(server.SendAsync(buffer)) != 64)
                {
                    return;
                }
            }
        }) { IsBackground = true };
        var ping = new Thread(() =>
        {
            CpuAffinity.PinCurrentThread(cpus[0]);
            Memory<byte> request = new byte[64];
            Memory<byte> response = new byte[64];
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < roundTrips; i++)
            {
                if (Value(client.SendAsync(request)) != 64 || Value(client.ReceiveAsync(response)) != 64)
                {
                    return;
                }
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }) { IsBackground = true };
        echo.Start();
        ping.Start();
        bool done = ping.Join(TimeSpan.FromSeconds(10)) && echo.Join(TimeSpan.FromSeconds(5));
        if (!done)
        {
            client.Abort();
            server.Abort();
        }

        Assert.True(done, $"{roundTrips} round trips did not finish");
        Assert.True(allocated >= 0, "a round trip failed: " + (client.LastError ?? server.LastError));
        return allocated;
    }
}
