namespace LoopBench.Core.Running;

/// <summary>Deadlines of the runner; none of them moves a measured figure.</summary>
public sealed record RunnerOptions
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

    /// <summary>"netns" when the run is inside a private network namespace, else "host-wide" (counters see all of lo). Defaults to host-wide.</summary>
    public string KernelCountersScope { get; init; } = "host-wide";

    /// <summary>Test seam: adjusts the transport options of every pair (the stray-connection tests plant a stranger with it). Null: none.</summary>
    internal Func<Transports.TransportOptions, Transports.TransportOptions>? TransportHook { get; init; }
}
