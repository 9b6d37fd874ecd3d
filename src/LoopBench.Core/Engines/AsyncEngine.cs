using System.Net.Sockets;

namespace LoopBench.Core.Engines;

/// <summary>
/// <c>Socket.SendAsync</c>/<c>ReceiveAsync</c> through their Memory/ValueTask overloads (the byte[]
/// overloads bind to Task-returning methods and allocate every call), one async loop per connection.
/// Continuations run on pool threads, so the engine cannot pin.
/// </summary>
internal sealed class AsyncEngine(EngineKind kind) : IEngine
{
    public EngineKind Kind => kind;

    public bool CanPinThreads => false;

    public IChannel Open(Socket socket) => new AsyncChannel(socket);

    public WorkerHandle Start(WorkerSpec spec) => PooledWorker.Start(spec);
}
