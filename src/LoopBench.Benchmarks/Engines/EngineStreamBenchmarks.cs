using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using LoopBench.Core.Engines;
using LoopBench.Core.Workloads;

namespace LoopBench.Benchmarks.Engines;

/// <summary>
/// Cost of one stream message per engine over a tcp4 loopback pair: the client sends a message and
/// the server reads it back out, both from the benchmark thread (the message fits the socket
/// buffers, so nothing waits for a peer thread). It measures the engine's own per-message cost,
/// syscalls included, not loopback throughput (that is what <c>loopbench quick</c> measures).
/// The blocking engine must show 0 B allocated per operation.
/// </summary>
[MemoryDiagnoser]
public class EngineStreamBenchmarks
{
    private EngineLoopbackPair? _pair;
    private byte[] _message = [];
    private byte[] _buffer = [];

    [Params(EngineKind.Blocking, EngineKind.Async, EngineKind.Pipelines, EngineKind.PipelinesInline, EngineKind.NetworkStream)]
    public EngineKind Engine { get; set; }

    [Params(64, 1024, 65536)]
    public int MessageBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pair = new EngineLoopbackPair(Engine, noDelay: false);
        _message = ChannelIo.NewBuffer(MessageBytes);
        _buffer = ChannelIo.NewBuffer(MessageBytes);
    }

    [GlobalCleanup]
    public void Cleanup() => _pair?.Dispose();

    /// <summary>One message: sent whole by the client, received whole by the server.</summary>
    [Benchmark]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] // the benchmark's own box is not the engine's cost
    public async ValueTask<int> SendAndReceiveMessage()
    {
        var pair = _pair!;
        if (!await ChannelIo.SendAllAsync(pair.Client, _message))
        {
            throw new InvalidOperationException("send failed: " + pair.Client.LastError);
        }

        return await ChannelIo.ReceiveExactAsync(pair.Server, _buffer);
    }
}
