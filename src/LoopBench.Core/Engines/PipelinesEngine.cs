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
/// Either way continuations run on pool threads, so the engine cannot pin. Both pipes use 64 KiB
/// segments and a 1 MiB pause threshold instead of PipeOptions' 4 KiB and 64 KiB (see the
/// rationale below). Stream payloads move through the pipes' own segments (filler sends,
/// discarding receives), so the adapter adds no copy that a pipelines application would not make.
/// </summary>
internal sealed class PipelinesEngine : IEngine
{
    // PSU's receive loop asks the pipe for GetMemory(1), one segment, so PipeOptions' 4 KiB
    // segments cap every recv(2) at 4 KiB: 32 receives and 32 flushes (each a possible hand-off to
    // the reader) per 128 KiB message, where the blocking engine makes one. 64 KiB is lo's MTU;
    // larger segments measured the same. The pause threshold rises with the segments so one
    // 128 KiB write does not stall its flush until PSU's send loop has drained the pipe.

    /// <summary>Pipe segment size, and so the largest single recv(2) PSU makes: 64 KiB (PipeOptions' default is 4 KiB).</summary>
    internal const int MinimumSegmentBytes = 64 * 1024;

    /// <summary>Unflushed-plus-unread bytes at which a pipe writer waits: 1 MiB (default 64 KiB). Resumes at half.</summary>
    internal const long PauseWriterBytes = 1024 * 1024;

    private readonly bool _inline;

    public PipelinesEngine(bool inline) => _inline = inline;

    public EngineKind Kind => _inline ? EngineKind.PipelinesInline : EngineKind.Pipelines;

    public bool CanPinThreads => false;

    public IChannel Open(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        PipeScheduler scheduler = _inline ? PipeScheduler.Inline : DedicatedThreadPoolPipeScheduler.Default;
        var pipeOptions = new PipeOptions(
            readerScheduler: scheduler,
            writerScheduler: scheduler,
            pauseWriterThreshold: PauseWriterBytes,
            resumeWriterThreshold: PauseWriterBytes / 2,
            minimumSegmentSize: MinimumSegmentBytes,
            useSynchronizationContext: false);
        var connectionOptions = _inline
            ? SocketConnectionOptions.InlineReads | SocketConnectionOptions.InlineWrites
            : SocketConnectionOptions.None;
        var connection = SocketConnection.Create(socket, pipeOptions, connectionOptions, name: Kind.ToString());
        return new PipeChannel(connection);
    }

    public WorkerHandle Start(WorkerSpec spec) => PooledWorker.Start(spec);
}
