using System.IO.Pipelines;
using System.Net.Sockets;
using Pipelines.Sockets.Unofficial;

namespace LoopBench.Core.Engines;

/// <summary>
/// Pipelines.Sockets.Unofficial <c>SocketConnection</c>: PSU's own loops move bytes between the
/// socket and two pipes; the workload reads and writes the pipes through <see cref="PipeChannel"/>.
/// Two scheduler variants: <c>pipelines</c> resumes pipe readers and writers on PSU's
/// <see cref="DedicatedThreadPoolPipeScheduler"/> (its default); <c>pipelines-inline</c> resumes them
/// inline on the I/O completion (<see cref="PipeScheduler.Inline"/>, InlineReads|InlineWrites).
/// Either way continuations run on pool threads, so the engine cannot pin.
/// </summary>
internal sealed class PipelinesEngine : IEngine
{
    private readonly bool _inline;

    public PipelinesEngine(bool inline) => _inline = inline;

    public EngineKind Kind => _inline ? EngineKind.PipelinesInline : EngineKind.Pipelines;

    public bool CanPinThreads => false;

    public IChannel Open(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        PipeScheduler scheduler = _inline ? PipeScheduler.Inline : DedicatedThreadPoolPipeScheduler.Default;
        var pipeOptions = new PipeOptions(readerScheduler: scheduler, writerScheduler: scheduler, useSynchronizationContext: false);
        var connectionOptions = _inline
            ? SocketConnectionOptions.InlineReads | SocketConnectionOptions.InlineWrites
            : SocketConnectionOptions.None;
        var connection = SocketConnection.Create(socket, pipeOptions, connectionOptions, name: Kind.ToString());
        return new PipeChannel(connection);
    }

    public WorkerHandle Start(WorkerSpec spec) => PooledWorker.Start(spec);
}
