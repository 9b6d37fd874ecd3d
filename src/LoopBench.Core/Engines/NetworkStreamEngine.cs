using System.Net.Sockets;

namespace LoopBench.Core.Engines;

/// <summary>
/// <c>NetworkStream.WriteAsync</c>/<c>ReadAsync</c> (Memory/ValueTask overloads) over the socket: the
/// way most .NET code moves bytes. Continuations run on pool threads, so the engine cannot pin.
/// </summary>
internal sealed class NetworkStreamEngine : IEngine
{
    public EngineKind Kind => EngineKind.NetworkStream;

    public bool CanPinThreads => false;

    public IChannel Open(Socket socket) => new NetworkStreamChannel(socket);

    public WorkerHandle Start(WorkerSpec spec) => PooledWorker.Start(spec);
}
