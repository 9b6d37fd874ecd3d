namespace LoopBench.Core.Engines;

/// <summary>
/// The runtime's inline socket completions. By default .NET hands every socket completion from its
/// epoll thread to the thread pool, a hand-off per pending receive that costs CPU the socket path
/// needs on a small host; inline completions run them on the epoll thread (docs/defaults.md). The variable is read once at start-up, for the whole process.
/// </summary>
internal static class InlineCompletions
{
    /// <summary>The environment variable the runtime reads.</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>True when this process was started with inline completions.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>True when <paramref name="engine"/> needs a process started with inline completions.</summary>
    /// <remarks>
    /// pipelines-inline needs it too: inline pipe schedulers only remove the pipes' hand-offs, while
    /// PSU's socket loops still wait on runtime completions that the pool would otherwise run; with
    /// both inline the engine moved 62–65 Gbit/s against 33–48 without (tcp4 cubic, quiet host).
    /// </remarks>
    public static bool Needs(EngineKind engine) => engine is EngineKind.AsyncInline or EngineKind.PipelinesInline;

    /// <summary>Why <paramref name="engine"/> cannot run in this process, or null.</summary>
    public static string? MissingReason(EngineKind engine) =>
        Needs(engine) && !Enabled
            ? $"engine {engine.ToId()} needs a process started with {Variable}=1; loopbench run and quick start one for it"
            : null;
}
