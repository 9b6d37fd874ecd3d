namespace LoopBench.Core.Transports;

/// <summary>
/// One socket option on one socket: what was asked for, what the kernel reports in force, and
/// evidence that it acted. Text fields are for people; <see cref="RequestedValue"/> and
/// <see cref="EffectiveValue"/> carry the numbers in <see cref="Unit"/>.
/// </summary>
/// <param name="Name">Kernel name as set: "SO_RCVBUF", "SO_RCVBUFFORCE", "IPV6_TCLASS".</param>
/// <param name="Id">Which knob; run.json holds its id ("rcvbuf", "congestion", …).</param>
/// <param name="Side">The socket's side.</param>
/// <param name="Status">Whether the kernel took it: default, applied, capped, no-effect, rejected, failed.</param>
/// <param name="Unit">Unit of the values.</param>
/// <param name="Requested">As asked, in words ("16 MiB", "bbr"); null when left at the kernel default.</param>
/// <param name="Effective">As read back from the kernel; null when not set or unreadable.</param>
/// <param name="RequestedValue">The number asked for, when numeric.</param>
/// <param name="EffectiveValue">The number read back, when numeric.</param>
/// <param name="Evidence">What shows it acted, e.g. "TCP_INFO pacing_rate=…", "autotuned from 128 KiB to 6 MiB".</param>
/// <param name="Note">Why effective differs, or why it has no effect, in words.</param>
internal sealed record KnobResult(
    string Name,
    SocketKnobId Id,
    EndRole Side,
    KnobStatus Status,
    KnobUnit Unit,
    string? Requested,
    string? Effective,
    long? RequestedValue,
    long? EffectiveValue,
    string? Evidence,
    string? Note)
{
    /// <summary>
    /// One line for a table, e.g. "SO_RCVBUF 16 MiB requested, 8 MiB effective: capped by
    /// net.core.rmem_max=4194304 (doubled by the kernel); use force to exceed it".
    /// </summary>
    public string Describe()
    {
        string head = Requested is null
            ? $"{Name} kernel default, {Effective ?? "?"} effective"
            : Status is KnobStatus.Rejected or KnobStatus.Failed
                ? $"{Name} {Requested} requested, {Status.ToId()}"
                : $"{Name} {Requested} requested, {Effective ?? "?"} effective";
        string text = Note is null ? head : $"{head}: {Note}";
        return Evidence is null ? text : $"{text} [{Evidence}]";
    }
}

/// <summary>Whether the kernel took a socket option as asked.</summary>
internal enum KnobStatus
{
    /// <summary>Left at the kernel default.</summary>
    [Id("default")]
    Default,

    /// <summary>Set and read back as asked (allowing for documented kernel doubling).</summary>
    [Id("applied")]
    Applied,

    /// <summary>Set, but the kernel reduced it.</summary>
    [Id("capped")]
    Capped,

    /// <summary>Accepted by the kernel but unused on this path.</summary>
    [Id("no-effect")]
    NoEffect,

    /// <summary>Not set: the pairing makes no sense or the kernel refuses the level.</summary>
    [Id("rejected")]
    Rejected,

    /// <summary>The kernel returned an error.</summary>
    [Id("failed")]
    Failed,
}
