using System.Net;
using LoopBench.Core.Engines;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Engines;

/// <summary>
/// The pipe adapter's two stream paths: filler sends and discarding receives move the bytes without
/// copying through the caller's buffers; the copying paths still deliver the caller's contents.
/// </summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class PipeChannelTests
{
    private const int MessageBytes = 100 * 1024;
    private const int Messages = 3;

    [Theory(Timeout = 20_000)]
    [InlineData(EngineKind.Pipelines)]
    [InlineData(EngineKind.PipelinesInline)]
    public async Task FillerAndDiscard_MoveEveryByte_WithoutTouchingTheCallersBuffers(EngineKind kind)
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        var engine = EngineFactory.Create(kind);
        using var client = engine.Open(pair.Client);
        using var server = engine.Open(pair.Server);
        var receiving = Task.Run(async () =>
        {
            var scratch = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = await server.DiscardAsync(scratch)) > 0;)
            {
                total += n;
            }

            return (total, scratch.All(b => b == 0));
        });
        var filler = new byte[MessageBytes];
        Array.Fill(filler, (byte)0x5a);
        for (int i = 0; i < Messages; i++)
        {
            Assert.Equal(MessageBytes, await client.SendFillerAsync(filler).AsTask().DefaultTimeout());
        }

        client.ShutdownSend();
        var (received, scratchUntouched) = await receiving.DefaultTimeout();
        Assert.Equal((long)MessageBytes * Messages, received);
        Assert.True(scratchUntouched, "a discarding receive copied into the caller's scratch buffer");
    }

    [Theory(Timeout = 20_000)]
    [InlineData(EngineKind.Pipelines)]
    [InlineData(EngineKind.PipelinesInline)]
    public async Task SendAndReceive_DeliverTheCallersContents(EngineKind kind)
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TaskTimeouts.Default);
        var engine = EngineFactory.Create(kind);
        using var client = engine.Open(pair.Client);
        using var server = engine.Open(pair.Server);
        var message = Enumerable.Range(0, MessageBytes).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(MessageBytes, await client.SendAsync(message).AsTask().DefaultTimeout());
        client.ShutdownSend();
        var received = new byte[MessageBytes];
        int offset = 0;
        for (int n; offset < received.Length && (n = await server.ReceiveAsync(received.AsMemory(offset)).AsTask().DefaultTimeout()) > 0;)
        {
            offset += n;
        }

        Assert.Equal(MessageBytes, offset);
        Assert.Equal(message, received);
    }
}
