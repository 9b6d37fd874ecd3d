namespace LoopBench.Core.Sandbox;

/// <summary>
/// What a case changes in its private network namespace (and, only with
/// <see cref="AllowHostSysctls"/>, on the host). Null and empty members leave the kernel's value.
/// Validated by <see cref="SandboxValidator"/>; applied and read back by <see cref="NamespaceSetup"/>.
/// </summary>
internal sealed record SandboxSettings
{
    /// <summary>Lowest lo MTU LoopBench allows for any case: IPv4's minimum (RFC 791).</summary>
    public const int MinMtuBytes = 68;

    /// <summary>Lowest lo MTU with IPv6: below it the kernel removes ::1 from lo and never restores it (RFC 8200 minimum).</summary>
    public const int MinIpv6MtuBytes = 1280;

    /// <summary>Highest lo MTU: lo's default and the largest IPv4 datagram that fits a 16-bit length.</summary>
    public const int MaxMtuBytes = 65536;

    /// <summary>lo MTU in bytes. LoopBench's policy: 1280..65536, or 68..65536 for IPv4-only cases. Defaults to null: 65536.</summary>
    public int? LoMtuBytes { get; init; }

    /// <summary>lo txqueuelen in packets (only queueing qdiscs that default to it read it). Defaults to null: 1000.</summary>
    public int? TxQueueLenPackets { get; init; }

    /// <summary>Root qdisc of lo with its parameters. Defaults to null: noqueue.</summary>
    public QdiscSpec? Qdisc { get; init; }

    /// <summary>Extra addresses on lo: 127.0.0.0/8 aliases and IPv6 addresses. Defaults to none.</summary>
    public IReadOnlyList<string> ExtraAddresses { get; init; } = [];

    /// <summary>Per-namespace sysctls by dotted name, e.g. net.ipv4.tcp_rmem = "4096 131072 6291456". Defaults to none.</summary>
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Host-wide sysctls (net.core.rmem_max ...): changed, journaled and restored by the parent. Defaults to none.</summary>
    public IReadOnlyDictionary<string, string> HostSysctls { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Risky: lets <see cref="HostSysctls"/> change the host. Defaults to false: any host sysctl is refused.</summary>
    public bool AllowHostSysctls { get; init; }

    /// <summary>No settings: a case run in an otherwise untouched namespace.</summary>
    public static SandboxSettings None { get; } = new();

    /// <summary>True when the case needs any namespace-level change at all.</summary>
    public bool ChangesNamespace =>
        LoMtuBytes is not null || TxQueueLenPackets is not null || (Qdisc is not null && Qdisc.Kind != QdiscKind.Default)
        || ExtraAddresses.Count > 0 || Sysctls.Count > 0;

    /// <summary>The MTU lo will have: the setting, or the kernel's default for lo.</summary>
    public int EffectiveMtuBytes => LoMtuBytes ?? MaxMtuBytes;
}
