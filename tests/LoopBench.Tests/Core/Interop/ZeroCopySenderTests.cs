using System.Net.Sockets;
using LoopBench.Core.Interop;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Interop;

[Trait(Traits.Category, Traits.Loopback)]
public sealed class ZeroCopySenderTests
{
    private const int Chunk = 64 * 1024;
    private const int Sends = 64;

    [Theory(Timeout = 15_000)]
    [InlineData("tcp4")]
    [InlineData("tcp6")]
    public void Send_OnLoopback_CompletionsAreCountedAndFlaggedCopied(string transport)
    {
        if (transport == "tcp6")
        {
            LoopbackPairs.SkipIfNoIpv6(); // completions then arrive as SOL_IPV6 / IPV6_RECVERR
        }

        using var pair = transport == "tcp6"
            ? LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp6, System.Net.IPAddress.IPv6Loopback), TimeSpan.FromSeconds(10))
            : LoopbackPairs.Tcp4();
        var sender = ZeroCopySender.Enable(pair.Client);
        var buffer = GC.AllocateArray<byte>(Chunk, pinned: true);
        buffer.AsSpan().Fill(0x5a);
        long received = 0;
        var reader = new Thread(() => received = Drain(pair.Server, (long)Chunk * Sends));
        reader.Start();

        for (int i = 0; i < Sends; i++)
        {
            long sent = sender.Send(buffer);
            while (sent == -105) // ENOBUFS: optmem_max full of pending completions
            {
                sender.DrainCompletions();
                Thread.Sleep(1);
                sent = sender.Send(buffer);
            }

            Assert.Equal(Chunk, sent);
            sender.DrainCompletions();
        }

        Assert.True(reader.Join(TimeSpan.FromSeconds(10)));
        Assert.True(sender.WaitForCompletions(TimeSpan.FromSeconds(5)), $"{sender.PendingSends} sends never completed");
        Assert.Equal((long)Chunk * Sends, received);
        Assert.Equal(Sends, sender.Sends);
        Assert.Equal(Sends, sender.CompletedSends);
        Assert.InRange(sender.Notifications, 1, Sends);
        Assert.Equal(Sends, sender.CopiedSends); // loopback always falls back to a deferred copy
    }

    [Fact(Timeout = 15_000)]
    public void SendAndDrain_AllocateNothing()
    {
        using var pair = LoopbackPairs.Tcp4();
        var sender = ZeroCopySender.Enable(pair.Client);
        var buffer = GC.AllocateArray<byte>(1024, pinned: true);
        var reader = new Thread(() => Drain(pair.Server, 1024L * 101));
        reader.Start();
        sender.Send(buffer);
        sender.DrainCompletions();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            sender.Send(buffer);
            sender.DrainCompletions();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(reader.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, allocated);
    }

    [Fact(Timeout = 10_000)]
    public void Enable_OnANonTcpSocket_Throws()
    {
        using var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        Assert.Throws<ArgumentException>(() => ZeroCopySender.Enable(unix));
    }

    [Fact(Timeout = 10_000)]
    public void Send_OnAClosedPeer_ReturnsTheErrnoAsAValue()
    {
        var pair = LoopbackPairs.Tcp4();
        var sender = ZeroCopySender.Enable(pair.Client);
        var buffer = GC.AllocateArray<byte>(1024, pinned: true);
        pair.Server.Close();
        long result = 0;
        for (int i = 0; i < 50 && result >= 0; i++)
        {
            result = sender.Send(buffer);
            Thread.Sleep(2);
        }

        Assert.True(result is -32 or -104, $"expected EPIPE or ECONNRESET, got {result}");
        pair.Dispose();
        Assert.Equal(-9, sender.Send(buffer)); // EBADF as a value once the socket is disposed
        Assert.Equal(0, sender.DrainCompletions());
    }

    [Fact(Timeout = 10_000)]
    public void TruncatingReceive_CountsBytesWithoutCopyingThem()
    {
        using var pair = LoopbackPairs.Tcp4();
        const int total = 256 * 1024;
        var payload = new byte[total];
        payload.AsSpan().Fill(0xab);
        var writer = new Thread(() => pair.Client.Send(payload));
        writer.Start();
        var scratch = new byte[64 * 1024];
        long received = 0;
        while (received < total)
        {
            int n = TruncatingReceive.Discard(pair.Server, scratch, out var error);
            Assert.Equal(SocketError.Success, error);
            Assert.True(n > 0);
            received += n;
        }

        Assert.True(writer.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(total, received);
        Assert.All(scratch, b => Assert.Equal(0, b)); // MSG_TRUNC: the kernel never wrote it
    }

    private static long Drain(Socket socket, long expected)
    {
        var buffer = new byte[Chunk];
        long got = 0;
        while (got < expected)
        {
            int n = socket.Receive(buffer);
            if (n <= 0)
            {
                break;
            }

            got += n;
        }

        return got;
    }
}
