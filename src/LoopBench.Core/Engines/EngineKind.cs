namespace LoopBench.Core.Engines;

/// <summary>How bytes move between a workload and its sockets. Ids are kebab-case: "pipelines-inline".</summary>
public enum EngineKind
{
    /// <summary>Dedicated threads, synchronous span-based Send and Receive. The default.</summary>
    Blocking,

    /// <summary><c>Socket.SendAsync</c>/<c>ReceiveAsync</c> Memory/ValueTask overloads, one async loop per connection.</summary>
    Async,

    /// <summary>Pipelines.Sockets.Unofficial <c>SocketConnection</c> with its default scheduler (a dedicated thread pool).</summary>
    Pipelines,

    /// <summary>Pipelines.Sockets.Unofficial with inline reads and writes (<c>PipeScheduler.Inline</c>): a scheduler variant.</summary>
    PipelinesInline,

    /// <summary><c>NetworkStream.WriteAsync</c>/<c>ReadAsync</c> over the socket, the way most .NET code moves bytes.</summary>
    /// <remarks>Named so its id is "networkstream", one word, as users type it.</remarks>
    Networkstream,
}
