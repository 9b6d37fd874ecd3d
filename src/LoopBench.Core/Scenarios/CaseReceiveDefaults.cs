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
    /// there only delays the sender), none where several TCP flows share the CPUs (a spinning
    /// receiver takes CPU from the other flows' senders), and none beside a receive low-water mark,
    /// which a non-blocking recv ignores (the spin would read the small pieces the mark is there to
    /// gather).
    /// </summary>
    public static int Spin(Case c) =>
        c.Placement == PlacementKind.SameCpu || (c.ClientCpu is int client && client == c.ServerCpu)
        || (c.Transport.IsTcp() && (c.SenderCount() > 1 || (c.ReceiveLowatBytes ?? Lowat(c)) > 0))
            ? 0
            : Case.DefaultReceiveSpin;

    /// <summary>
    /// The receive low-water mark a case gets when none is asked for. Flows moving as fast as their
    /// senders can get none: on a quiet host a receiver that reads as data arrives keeps the streams
    /// flowing better than one that sleeps until a mark's worth is queued, for one flow and for
    /// several. A flow held to a rate, whose sender has CPU to spare, gets a small one: a larger mark
    /// would only bunch its reads, so that a window's edges and its intervals would each be off by up
    /// to a mark's worth of bytes (docs/defaults.md).
    /// </summary>
    public static int Lowat(Case c) =>
        IsRateCapped(c) ? Case.RateCappedReceiveLowatBytes : Case.DefaultReceiveLowatBytes;

    /// <summary>Whether something below the sender holds the flow to a rate: a shaping qdisc on lo (tbf, htb), or SO_MAX_PACING_RATE on an end.</summary>
    public static bool IsRateCapped(Case c) =>
        c.Kernel?.Qdisc?.RateBitsPerSecond is not null
        || c.ClientKnobs.MaxPacingRateBytesPerSecond is not null
        || c.ServerKnobs.MaxPacingRateBytesPerSecond is not null;
}
