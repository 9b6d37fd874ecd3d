namespace LoopBench.Core.Engines;

/// <summary>How bytes move between a workload and its sockets. Ids are kebab-case: "pipelines-inline".</summary>
// public: BenchmarkDotNet [Params] properties in LoopBench.Benchmarks are of this type and must be public
public enum EngineKind
{
    /// <summary>Dedicated threads, synchronous span-based Send and Receive. The default.</summary>
    [Id("blocking")]
    Blocking,

    /// <summary><c>Socket.SendAsync</c>/<c>ReceiveAsync</c> Memory/ValueTask overloads, one async loop per connection.</summary>
    [Id("async")]
    Async,

    /// <summary>
    /// <see cref="Async"/> with the runtime's inline socket completions
    /// (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>): continuations run on the epoll thread
    /// instead of being queued to the thread pool. The setting is process-wide and read at start,
    /// so LoopBench runs such a case in a child process started with it (<see cref="InlineCompletions"/>).
    /// </summary>
    [Id("async-inline")]
    AsyncInline,

    /// <summary>Pipelines.Sockets.Unofficial <c>SocketConnection</c> with its default scheduler (a dedicated thread pool).</summary>
    [Id("pipelines")]
    Pipelines,

    /// <summary>
    /// Pipelines.Sockets.Unofficial with inline reads and writes (<c>PipeScheduler.Inline</c>) and,
    /// like <see cref="AsyncInline"/>, the runtime's inline socket completions, so no completion
    /// waits for a pool thread; run in a child process started with them.
    /// </summary>
    [Id("pipelines-inline")]
    PipelinesInline,

    /// <summary><c>NetworkStream.WriteAsync</c>/<c>ReadAsync</c> over the socket, the way most .NET code moves bytes.</summary>
    /// <remarks>Its id is one word, "networkstream", as users type it.</remarks>
    [Id("networkstream")]
    NetworkStream,
}
