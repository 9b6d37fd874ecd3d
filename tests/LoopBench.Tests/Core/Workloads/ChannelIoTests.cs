using LoopBench.Core.Engines;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Workloads;

/// <summary>Whole-message sends and receives over a scripted channel: the at-once path and every way into the loop.</summary>
public sealed class ChannelIoTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AWholeMessageAtOnce_CompletesSynchronously_InOneCall()
    {
        var channel = new ScriptedChannel((64, false));
        var send = ChannelIo.SendAllAsync(channel, new byte[64]);
        Assert.True(send.IsCompletedSuccessfully);
        Assert.True(await send);

        var receiver = new ScriptedChannel((64, false));
        var receive = ChannelIo.ReceiveExactAsync(receiver, new byte[64]);
        Assert.True(receive.IsCompletedSuccessfully);
        Assert.Equal(1, await receive);
        Assert.Equal([64], channel.Asked);
        Assert.Equal([64], receiver.Asked);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task APartialFirstCall_GoesOnWithTheRest(bool firstAsync)
    {
        var channel = new ScriptedChannel((10, firstAsync), (30, false), (24, true));
        Assert.True(await ChannelIo.SendAllAsync(channel, new byte[64]).AsTask().WaitAsync(Timeout, TestContext.Current.CancellationToken));
        Assert.Equal([64, 54, 24], channel.Asked);

        var receiver = new ScriptedChannel((10, firstAsync), (30, false), (24, true));
        Assert.Equal(1, await ChannelIo.ReceiveExactAsync(receiver, new byte[64]).AsTask().WaitAsync(Timeout, TestContext.Current.CancellationToken));
        Assert.Equal([64, 54, 24], receiver.Asked);
    }

    [Fact]
    public async Task AFirstCallStillUnderWay_IsAwaitedOnce_NotRepeated()
    {
        var channel = new ScriptedChannel((64, true));
        Assert.True(await ChannelIo.SendAllAsync(channel, new byte[64]).AsTask().WaitAsync(Timeout, TestContext.Current.CancellationToken));
        Assert.Equal([64], channel.Asked);

        var receiver = new ScriptedChannel((64, true));
        Assert.Equal(1, await ChannelIo.ReceiveExactAsync(receiver, new byte[64]).AsTask().WaitAsync(Timeout, TestContext.Current.CancellationToken));
        Assert.Equal([64], receiver.Asked);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ErrorsAndEndsOfStream_AreTold(bool async)
    {
        Assert.False(await ChannelIo.SendAllAsync(new ScriptedChannel((-1, async)), new byte[64]).AsTask().WaitAsync(Timeout, TestContext.Current.CancellationToken));
        Assert.False(await ChannelIo.SendAllAsync(new ScriptedChannel((10, false), (0, async)), new byte[64]).AsTask().WaitAsync(Timeout, TestContext.Current.CancellationToken));
        Assert.Equal(0, await ChannelIo.ReceiveExactAsync(new ScriptedChannel((0, async)), new byte[64]).AsTask().WaitAsync(Timeout, TestContext.Current.CancellationToken)); // clean end before the first byte
        Assert.Equal(-1, await ChannelIo.ReceiveExactAsync(new ScriptedChannel((10, async), (0, async)), new byte[64]).AsTask().WaitAsync(Timeout, TestContext.Current.CancellationToken)); // mid-message
        Assert.Equal(-1, await ChannelIo.ReceiveExactAsync(new ScriptedChannel((-1, async)), new byte[64]).AsTask().WaitAsync(Timeout, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnEmptyMessage_NeedsNoCall()
    {
        var channel = new ScriptedChannel();
        Assert.True(await ChannelIo.SendAllAsync(channel, ReadOnlyMemory<byte>.Empty));
        Assert.Equal(1, await ChannelIo.ReceiveExactAsync(channel, Memory<byte>.Empty));
        Assert.Empty(channel.Asked);
    }

    /// <summary>Each call takes the next (bytes, completes later) step and records how many bytes it was offered.</summary>
    private sealed class ScriptedChannel(params (int Bytes, bool Async)[] steps) : IChannel
    {
        private readonly Queue<(int Bytes, bool Async)> _steps = new(steps);

        public List<int> Asked { get; } = [];

        public string? LastError => null;

        public EngineCounters Counters { get; } = new();

        public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data) => Next(data.Length);

        public ValueTask<int> ReceiveAsync(Memory<byte> buffer) => Next(buffer.Length);

        public void ShutdownSend()
        {
        }

        public void Abort()
        {
        }

        public void Dispose()
        {
        }

        private ValueTask<int> Next(int offered)
        {
            Asked.Add(offered);
            var (bytes, async) = _steps.Dequeue();
            return async ? new ValueTask<int>(Later(bytes)) : new ValueTask<int>(bytes);
        }

        private static async Task<int> Later(int bytes)
        {
            await Task.Yield();
            return bytes;
        }
    }
}
