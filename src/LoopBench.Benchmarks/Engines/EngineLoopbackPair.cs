using System.Net;
using LoopBench.Core.Engines;
using LoopBench.Core.Transports;

namespace LoopBench.Benchmarks.Engines;

/// <summary>A tcp4 loopback pair wrapped as two channels of one engine, for per-message benchmarks.</summary>
internal sealed class EngineLoopbackPair : IDisposable
{
    private readonly ConnectedPair _pair;

    public EngineLoopbackPair(EngineKind kind, bool noDelay)
    {
        _pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TimeSpan.FromSeconds(5));
        SocketTuning.Apply(_pair, noDelay);
        var engine = EngineFactory.Create(kind);
        Client = engine.Open(_pair.Client);
        Server = engine.Open(_pair.Server);
    }

    public IChannel Client { get; }

    public IChannel Server { get; }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        _pair.Dispose();
    }
}
