using LoopBench.Core.Results;

namespace LoopBench.Core.Running;

/// <summary>Deadlines of the runner; none of them moves a measured figure.</summary>
internal sealed record RunnerOptions
{
    /// <summary>How long connecting a pair may take. Defaults to 5 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long workers may take to reach the start barrier. Defaults to 10 s.</summary>
    public TimeSpan BarrierTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long workers may take to stop after T1 before the case fails. Defaults to 10 s.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Snapshot /proc/net and tc counters around each window (forks tc once per snapshot). Defaults to on.</summary>
    public bool KernelCounters { get; init; } = true;

    /// <summary>Where <c>capture</c> pcaps go ("beside the results"); null: the current directory.</summary>
    public string? CaptureDirectory { get; init; }

    /// <summary>
    /// Where kernel counters come from, as recorded. Defaults to null: detected by comparing this process's
    /// network namespace with init's (<see cref="NetworkNamespaceScope"/>).
    /// </summary>
    public CountersScope? KernelCountersScope { get; init; }

    /// <summary>
    /// How to start this LoopBench's CLI, for cases with <c>processes: 2</c> (the server end in a child
    /// process). Null: such cases fail at setup with the reason. Not sent to sandbox children.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Sandbox.SandboxChildCommand? ServerChild { get; init; }

    /// <summary>Test seam: adjusts the transport options of every pair (the stray-connection tests plant a stranger with it). Null: none.</summary>
    internal Func<Transports.TransportOptions, Transports.TransportOptions>? TransportHook { get; init; }

    /// <summary>Test seam: the runtime's JIT-compiled method count, which the warm-up waits to go still (<see cref="WarmupEnd"/>).</summary>
    internal Func<long> CompiledMethods { get; init; } = static () => System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false);

    /// <summary>Test seam: the clock of the warm-up, the window and the interval deadlines. Defaults to the real one.</summary>
    internal Measurement.IClock Clock { get; init; } = Measurement.SystemClock.Shared;
}
