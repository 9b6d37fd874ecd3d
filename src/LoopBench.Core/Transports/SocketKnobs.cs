namespace LoopBench.Core.Transports;

/// <summary>
/// The socket options asked for on one socket. Every property defaults to null, meaning "kernel
/// default": the option is not set at all, and its kernel value is still read back and reported.
/// Applied by <see cref="SocketKnobApplier"/>, checked against the transport by
/// <see cref="SocketKnobApplicability"/>.
/// </summary>
internal sealed record SocketKnobs
{
    /// <summary>All options at their kernel defaults.</summary>
    public static SocketKnobs KernelDefault { get; } = new();

    /// <summary>SO_SNDBUF in bytes; the kernel doubles it and caps the request at net.core.wmem_max.</summary>
    /// <remarks>Defaults to null: kernel default (net.ipv4.tcp_wmem[1] for TCP), autotuned.</remarks>
    public int? SendBufferBytes { get; init; }

    /// <summary>SO_RCVBUF in bytes; the kernel doubles it and caps the request at net.core.rmem_max.</summary>
    /// <remarks>Defaults to null: kernel default, autotuned for TCP. Setting it turns autotuning off.</remarks>
    public int? ReceiveBufferBytes { get; init; }

    /// <summary>Use SO_SNDBUFFORCE / SO_RCVBUFFORCE (needs CAP_NET_ADMIN) to exceed wmem_max/rmem_max.</summary>
    /// <remarks>Defaults to false.</remarks>
    public bool ForceBuffers { get; init; }

    /// <summary>TCP_NODELAY: send small segments at once instead of Nagle-coalescing them.</summary>
    /// <remarks>Defaults to null: kernel default (off).</remarks>
    public bool? NoDelay { get; init; }

    /// <summary>TCP_MAXSEG in bytes, 88..32767; effective only when set before connect().</summary>
    /// <remarks>Defaults to null: kernel default (lo: MTU 65536 − 52 ≈ 65483 with timestamps).</remarks>
    public int? MaxSegmentBytes { get; init; }

    /// <summary>TCP_CONGESTION, e.g. "reno", "cubic", "bbr": any name in tcp_allowed_congestion_control.</summary>
    /// <remarks>Defaults to null: net.ipv4.tcp_congestion_control.</remarks>
    public string? CongestionControl { get; init; }

    /// <summary>TCP_NOTSENT_LOWAT in bytes: poll reports writable only below this much unsent data.</summary>
    /// <remarks>Defaults to null: net.ipv4.tcp_notsent_lowat (unlimited).</remarks>
    public int? NotSentLowatBytes { get; init; }

    /// <summary>TCP_CORK: hold partial segments until uncorked or 200 ms.</summary>
    /// <remarks>Defaults to null: kernel default (off).</remarks>
    public bool? Cork { get; init; }

    /// <summary>
    /// TCP_QUICKACK: ACK at once instead of delaying. Not sticky: the kernel may drop back to
    /// delayed ACKs after any receive, so a workload that wants it must re-arm it after each receive
    /// with <see cref="SocketKnobApplier.RearmQuickAck"/> (one allocation-free setsockopt).
    /// </summary>
    /// <remarks>Defaults to null: kernel default (delayed ACK heuristics).</remarks>
    public bool? QuickAck { get; init; }

    /// <summary>SO_BUSY_POLL in µs: spin on the device queue on receive. lo has none, so no effect there.</summary>
    /// <remarks>Defaults to null: net.core.busy_read (0).</remarks>
    public int? BusyPollUs { get; init; }

    /// <summary>SO_MAX_PACING_RATE in bytes per second (TCP paces internally; UDP needs the fq qdisc).</summary>
    /// <remarks>Defaults to null: unlimited.</remarks>
    public long? MaxPacingRateBytesPerSecond { get; init; }

    /// <summary>IP_TOS (IPv4) or IPV6_TCLASS (IPv6), 0..255: DSCP in the top six bits, ECN in the low two.</summary>
    /// <remarks>Defaults to null: 0.</remarks>
    public int? TrafficClass { get; init; }

    /// <summary>UDP_SEGMENT (GSO) segment size in bytes: one send of up to 64 KiB leaves as segments of this size.</summary>
    /// <remarks>Defaults to null: off.</remarks>
    public int? UdpSegmentBytes { get; init; }

    /// <summary>The knobs actually asked for (non-null), in table order.</summary>
    public IEnumerable<SocketKnobId> Requested()
    {
        foreach (var id in Enum.GetValues<SocketKnobId>())
        {
            if (IsRequested(id))
            {
                yield return id;
            }
        }
    }

    /// <summary>True when the knob is set (not left at its kernel default).</summary>
    public bool IsRequested(SocketKnobId id) => id switch
    {
        SocketKnobId.SendBuffer => SendBufferBytes.HasValue,
        SocketKnobId.ReceiveBuffer => ReceiveBufferBytes.HasValue,
        SocketKnobId.NoDelay => NoDelay.HasValue,
        SocketKnobId.MaxSegment => MaxSegmentBytes.HasValue,
        SocketKnobId.CongestionControl => CongestionControl is not null,
        SocketKnobId.NotSentLowat => NotSentLowatBytes.HasValue,
        SocketKnobId.Cork => Cork.HasValue,
        SocketKnobId.QuickAck => QuickAck.HasValue,
        SocketKnobId.BusyPoll => BusyPollUs.HasValue,
        SocketKnobId.MaxPacingRate => MaxPacingRateBytesPerSecond.HasValue,
        SocketKnobId.TrafficClass => TrafficClass.HasValue,
        SocketKnobId.UdpSegment => UdpSegmentBytes.HasValue,
        _ => false,
    };
}
