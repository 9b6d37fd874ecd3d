using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using LoopBench.Core.Engines;
using LoopBench.Core.Workloads;

namespace LoopBench.Benchmarks.Engines;

/// <summary>
/// Cost of one request/response transaction per engine over a tcp4 loopback pair with TCP_NODELAY:
/// request out, request in, response out, response in, all from the benchmark thread. Four socket
/// operations per transaction; the figure is the engine's CPU cost, not the two-thread RTT.
/// </summary>
[MemoryDiagnoser]
public class EngineRequestResponseBenchmarks
{
    private EngineLoopbackPair? _pair;
    private byte[] _request = [];
    private byte[] _requestIn = [];
    private byte[] _response = [];
    private byte[] _responseIn = [];

    [Params(EngineKind.Blocking, EngineKind.Async, EngineKind.Pipelines, EngineKind.PipelinesInline, EngineKind.NetworkStream)]
    public EngineKind Engine { get; set; }

    [Params(64, 1024)]
    public int MessageBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pair = new EngineLoopbackPair(Engine, noDelay: true);
        _request = ChannelIo.NewBuffer(MessageBytes);
        _requestIn = ChannelIo.NewBuffer(MessageBytes);
        _response = ChannelIo.NewBuffer(MessageBytes);
        _responseIn = ChannelIo.NewBuffer(MessageBytes);
    }

    [GlobalCleanup]
    public void Cleanup() => _pair?.Dispose();

    /// <summary>One transaction.</summary>
    [Benchmark]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] // the benchmark's own box is not the engine's cost
    public async ValueTask<int> Transaction()
    {
        var pair = _pair!;
        bool ok = await ChannelIo.SendAllAsync(pair.Client, _request)
            && await ChannelIo.ReceiveExactAsync(pair.Server, _requestIn) == 1
            && await ChannelIo.SendAllAsync(pair.Server, _response);
        if (!ok)
        {
            throw new InvalidOperationException("transaction failed: " + (pair.Client.LastError ?? pair.Server.LastError));
        }

        return await ChannelIo.ReceiveExactAsync(pair.Client, _responseIn);
    }
}
