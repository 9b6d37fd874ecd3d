using LoopBench.Core.Engines;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Scenarios;

/// <summary>
/// The receive spin and the receive low-water mark a case's one-way receivers get when none is asked
/// for (<see cref="Case.Resolve"/>), and which the case key leaves out as defaults (<see cref="CaseKey"/>).
/// </summary>
internal static class CaseReceiveDefaults
{
    /// <summary>
    /// The receive spin a case gets when none is asked for: none where both ends share a CPU (a spin
    /// there only delays the sender), and none beside a receive low-water mark, which a non-blocking
    /// recv ignores (the spin would read the small pieces the mark is there to gather).
    /// </summary>
    public static int Spin(Case c) =>
        c.Placement == PlacementKind.SameCpu || (c.ClientCpu is int client && client == c.ServerCpu)
        || (c.Transport.IsTcp() && (c.ReceiveLowatBytes ?? Lowat(c)) > 0)
            ? 0
            : Case.DefaultReceiveSpin;

    /// <summary>
    /// The receive low-water mark a case gets when none is asked for. A single flow moving as fast as
    /// its sender can gets none: on a quiet host a receiver that spins and reads as data arrives keeps
    /// the stream flowing better than one that sleeps until a mark's worth is queued. Several flows
    /// sharing the CPUs get a small one, as a spin there would take CPU from the other flows, and so
    /// does a flow held to a rate, whose sender has CPU to spare: a larger mark would only bunch its
    /// reads, so that a window's edges and its intervals would each be off by up to a mark's worth of
    /// bytes (docs/defaults.md).
    /// </summary>
    public static int Lowat(Case c) =>
        c.SenderCount() > 1 || IsRateCapped(c) ? Case.DefaultSmallReceiveLowatBytes : Case.DefaultReceiveLowatBytes;

    /// <summary>Whether something below the sender holds the flow to a rate: a shaping qdisc on lo (tbf, htb), or SO_MAX_PACING_RATE on an end.</summary>
    public static bool IsRateCapped(Case c) =>
        c.Kernel?.Qdisc?.RateBitsPerSecond is not null
        || c.ClientKnobs.MaxPacingRateBytesPerSecond is not null
        || c.ServerKnobs.MaxPacingRateBytesPerSecond is not null;
}
