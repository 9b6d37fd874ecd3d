using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using LoopBench.Core.Engines;
using LoopBench.Core.Workloads;

namespace LoopBench.Benchmarks.Workloads;

/// <summary>
/// The managed cost of one whole-message send and one whole-message receive whose calls complete at
/// once, as a blocking or spinning channel's do for a small message: the work a spin-mode round trip
/// (~3.5 µs on unix-stream) pays on each side besides its syscalls. The channel moves no bytes.
/// </summary>
[MemoryDiagnoser]
public class ChannelIoBenchmarks
{
    private readonly AtOnceChannel _channel = new();
    private readonly byte[] _message = ChannelIo.NewBuffer(64);

    /// <summary>A send and a receive of 64 B, awaited as the rr loops await them.</summary>
    [Benchmark]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] // the benchmark's own box is not ChannelIo's cost
    public async ValueTask<int> SendThenReceive()
    {
        bool sent = await ChannelIo.SendAllAsync(_channel, _message);
        return sent ? await ChannelIo.ReceiveExactAsync(_channel, _message) : -1;
    }

    /// <summary>Every call moves the whole buffer at once.</summary>
    private sealed class AtOnceChannel : IChannel
    {
        public string? LastError => null;

        public EngineCounters Counters { get; } = new();

        public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data) => new(data.Length);

        public ValueTask<int> ReceiveAsync(Memory<byte> buffer) => new(buffer.Length);

        public void ShutdownSend()
        {
        }

        public void Abort()
        {
        }

        public void Dispose()
        {
        }
    }
}
