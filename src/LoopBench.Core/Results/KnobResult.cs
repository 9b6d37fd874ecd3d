namespace LoopBench.Core.Results;

/// <summary>
/// One socket option on one socket: what was asked for, what the kernel reports in force, and
/// evidence that it acted. Text fields are for people; <see cref="RequestedValue"/> and
/// <see cref="EffectiveValue"/> carry the numbers in <see cref="Unit"/>.
/// </summary>
/// <param name="Name">Kernel name as set: "SO_RCVBUF", "SO_RCVBUFFORCE", "IPV6_TCLASS".</param>
/// <param name="Id">Stable knob id: "rcvbuf", "congestion", … (see SocketKnobIds).</param>
/// <param name="Side">"client" or "server".</param>
/// <param name="Status">Stable id: default, applied, capped, no-effect, rejected, failed.</param>
/// <param name="Unit">Unit of the values: bytes, us, bytes-per-second, bool, name, tos.</param>
/// <param name="Requested">As asked, in words ("16 MiB", "bbr"); null when left at the kernel default.</param>
/// <param name="Effective">As read back from the kernel; null when not set or unreadable.</param>
/// <param name="RequestedValue">The number asked for, when numeric.</param>
/// <param name="EffectiveValue">The number read back, when numeric.</param>
/// <param name="Evidence">What shows it acted, e.g. "TCP_INFO pacing_rate=…", "autotuned from 128 KiB to 6 MiB".</param>
/// <param name="Note">Why effective differs, or why it has no effect, in words.</param>
public sealed record KnobResult(
    string Name,
    string Id,
    string Side,
    string Status,
    string Unit,
    string? Requested,
    string? Effective,
    long? RequestedValue,
    long? EffectiveValue,
    string? Evidence,
    string? Note)
{
    /// <summary>Status ids.</summary>
    public const string StatusDefault = "default";

    /// <summary>Set and read back as asked (allowing for documented kernel doubling).</summary>
    public const string StatusApplied = "applied";

    /// <summary>Set, but the kernel reduced it.</summary>
    public const string StatusCapped = "capped";

    /// <summary>Accepted by the kernel but unused on this path.</summary>
    public const string StatusNoEffect = "no-effect";

    /// <summary>Not set: the pairing makes no sense or the kernel refuses the level.</summary>
    public const string StatusRejected = "rejected";

    /// <summary>The kernel returned an error.</summary>
    public const string StatusFailed = "failed";

    /// <summary>
    /// One line for a table, e.g. "SO_RCVBUF 16 MiB requested, 8 MiB effective: capped by
    /// net.core.rmem_max=4194304 (doubled by the kernel); use force to exceed it".
    /// </summary>
    public string Describe()
    {
        string head = Requested is null
            ? $"{Name} kernel default, {Effective ?? "?"} effective"
            : Status is StatusRejected or StatusFailed
                ? $"{Name} {Requested} requested, {Status}"
                : $"{Name} {Requested} requested, {Effective ?? "?"} effective";
        string text = Note is null ? head : $"{head}: {Note}";
        return Evidence is null ? text : $"{text} [{Evidence}]";
    }
}
