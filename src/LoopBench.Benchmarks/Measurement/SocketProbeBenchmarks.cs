using System.Net;
using BenchmarkDotNet.Attributes;
using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;
using LoopBench.Core.Transports;

namespace LoopBench.Benchmarks.Measurement;

/// <summary>
/// The cost of the kernel probes issue 6 adds: what a workload pays per receive for TCP_QUICKACK
/// re-arming, what a worker pays at window edges for its own CPU time, and what the coordinator
/// pays per interval for TCP_INFO. Each must allocate nothing ([MemoryDiagnoser] shows 0 B).
/// </summary>
[MemoryDiagnoser]
public class SocketProbeBenchmarks
{
    private ConnectedPair? _pair;

    [GlobalSetup]
    public void Setup() =>
        _pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TimeSpan.FromSeconds(10));

    [GlobalCleanup]
    public void Cleanup() => _pair?.Dispose();

    /// <summary>getsockopt(TCP_INFO) into a stack buffer and parse by length.</summary>
    [Benchmark]
    public uint ReadTcpInfo() => TcpInfoReader.TryRead(_pair!.Client, out var info) ? info.RttUs : 0;

    /// <summary>setsockopt(TCP_QUICKACK, 1): the per-receive cost of keeping quick-ack mode.</summary>
    [Benchmark]
    public bool RearmQuickAck() => SocketKnobApplier.RearmQuickAck(_pair!.Client);

    /// <summary>getrusage(RUSAGE_THREAD).</summary>
    [Benchmark]
    public long ThreadCpu() => ThreadCpuTime.CurrentThread().TotalUs;
}
