using System.Net.Sockets;

namespace LoopBench.Core.Engines;

/// <summary>An engine whose TCP channels set a receive low-water mark when they read as one-way receivers (<see cref="ReceiveLowatChannel"/>).</summary>
internal sealed class ReceiveLowatEngine(IEngine inner, int lowatBytes) : IEngine
{
    public EngineKind Kind => inner.Kind;

    public bool CanPinThreads => inner.CanPinThreads;

    public IChannel Open(Socket socket)
    {
        var channel = inner.Open(socket);
        return socket.ProtocolType == ProtocolType.Tcp ? new ReceiveLowatChannel(channel, socket, lowatBytes) : channel;
    }

    public WorkerHandle Start(WorkerSpec spec) => inner.Start(spec);
}
