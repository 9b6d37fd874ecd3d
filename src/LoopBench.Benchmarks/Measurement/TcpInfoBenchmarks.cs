using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using LoopBench.Core.Interop;
using LoopBench.Core.Transports;

namespace LoopBench.Benchmarks.Measurement;

/// <summary>
/// Reading TCP_INFO (getsockopt IPPROTO_TCP=6, TCP_INFO=11) into a stack buffer: what a sampler pays
/// per socket per interval. One syscall, no allocation.
/// </summary>
[MemoryDiagnoser]
public class TcpInfoBenchmarks
{
    // struct tcp_info is 232 bytes on 6.x kernels; the kernel copies min(len, its size).
    private const int TcpInfoBytes = 232;

    private ConnectedPair? _pair;

    [GlobalSetup]
    public void Setup() =>
        _pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TimeSpan.FromSeconds(5));

    [GlobalCleanup]
    public void Cleanup() => _pair?.Dispose();

    /// <summary>One TCP_INFO read; returns tcpi_rtt (µs, offset 68) so the read is not dead code.</summary>
    [Benchmark]
    public int ReadTcpInfo()
    {
        Span<byte> info = stackalloc byte[TcpInfoBytes];
        int length = _pair!.Client.GetRawSocketOption(SocketOptionNumbers.IpProtoTcp, SocketOptionNumbers.TcpInfo, info);
        return length >= 72 ? BitConverter.ToInt32(info[68..]) : length;
    }

    /// <summary>The same through <see cref="Socket"/>'s managed surface for comparison: Socket.Available (FIONREAD).</summary>
    [Benchmark(Baseline = true)]
    public int ReadAvailable() => _pair!.Client.Available;
}
