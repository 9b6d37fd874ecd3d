namespace LoopBench.Core.Engines;

/// <summary>
/// Where a case's threads run. On a small VM this moves loopback RTT by about 5×
/// (64-byte TCP ping-pong: ~13 µs on one CPU, ~60 µs across CPUs), so it is part of every case key.
/// </summary>
// public: test theories take it as a parameter, and xUnit test methods must be public
public enum PlacementKind
{
    /// <summary>The scheduler decides; the result records the CPUs observed.</summary>
    [Id("unpinned")]
    Unpinned,

    /// <summary>Client and server threads pinned to the same CPU.</summary>
    [Id("same-cpu")]
    SameCpu,

    /// <summary>Client threads on one CPU, server threads on another.</summary>
    [Id("split")]
    Split,

    /// <summary>
    /// Client threads on <c>Case.ClientCpu</c>, server threads on <c>Case.ServerCpu</c> or unpinned
    /// when it is null (iperf3 -A N[,M]); a CPU this process may not use skips the case.
    /// </summary>
    [Id("cpus")]
    Cpus,
}
