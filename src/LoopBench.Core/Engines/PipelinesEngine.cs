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
    // 2026-11-23 (issue 10, docs/performance.md "Pipelines engine: why it was ~7x slower"): with
    // PipeOptions' defaults (4 KiB segments, writer paused at 64 KiB) tcp4 stream with 128 KiB
    // writes ran at 5.5-11 Gbit/s against blocking's 26-47. PSU's receive loop asks the pipe for
    // GetMemory(1), i.e. one segment, so every recv(2) was capped at 4 KiB: 32 receive syscalls and
    // 32 pipe flushes (each a possible hand-off to the reader) per 128 KiB message, where the
    // blocking engine makes one. 64 KiB segments (lo's MTU) took it to 20-33 Gbit/s on the same
    // machine; 128/256 KiB segments and pause thresholds of 1-4 MiB were not distinguishable from
    // that in the noise of this shared 2-CPU machine. The pause threshold is raised with the
    // segments so that one 128 KiB write does not always stall its flush until PSU's send loop
    // has drained the pipe.

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
