namespace LoopBench.Core.Transports;

/// <summary>The socket options LoopBench sets and reads back. Stable ids: <see cref="SocketKnobIds.ToId"/>.</summary>
public enum SocketKnobId
{
    /// <summary>SO_SNDBUF (or SO_SNDBUFFORCE).</summary>
    SendBuffer,

    /// <summary>SO_RCVBUF (or SO_RCVBUFFORCE).</summary>
    ReceiveBuffer,

    /// <summary>TCP_NODELAY.</summary>
    NoDelay,

    /// <summary>TCP_MAXSEG.</summary>
    MaxSegment,

    /// <summary>TCP_CONGESTION.</summary>
    CongestionControl,

    /// <summary>TCP_NOTSENT_LOWAT.</summary>
    NotSentLowat,

    /// <summary>TCP_CORK.</summary>
    Cork,

    /// <summary>TCP_QUICKACK.</summary>
    QuickAck,

    /// <summary>SO_BUSY_POLL.</summary>
    BusyPoll,

    /// <summary>SO_MAX_PACING_RATE.</summary>
    MaxPacingRate,

    /// <summary>IP_TOS or IPV6_TCLASS.</summary>
    TrafficClass,

    /// <summary>UDP_SEGMENT.</summary>
    UdpSegment,
}

/// <summary>Ids (scenario parameter names) and kernel names of <see cref="SocketKnobId"/>.</summary>
public static class SocketKnobIds
{
    /// <summary>Stable lowercase id used in scenarios and results, e.g. "rcvbuf", "congestion".</summary>
    public static string ToId(this SocketKnobId id) => id switch
    {
        SocketKnobId.SendBuffer => "sndbuf",
        SocketKnobId.ReceiveBuffer => "rcvbuf",
        SocketKnobId.NoDelay => "nodelay",
        SocketKnobId.MaxSegment => "mss",
        SocketKnobId.CongestionControl => "congestion",
        SocketKnobId.NotSentLowat => "notsent-lowat",
        SocketKnobId.Cork => "cork",
        SocketKnobId.QuickAck => "quickack",
        SocketKnobId.BusyPoll => "busy-poll",
        SocketKnobId.MaxPacingRate => "max-pacing-rate",
        SocketKnobId.TrafficClass => "tos",
        SocketKnobId.UdpSegment => "udp-segment",
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, null),
    };

    /// <summary>The option's kernel name; IPv6 sockets name IPV6_TCLASS, forced buffers SO_*BUFFORCE.</summary>
    public static string KernelName(this SocketKnobId id, bool ipv6 = false, bool force = false) => id switch
    {
        SocketKnobId.SendBuffer => force ? "SO_SNDBUFFORCE" : "SO_SNDBUF",
        SocketKnobId.ReceiveBuffer => force ? "SO_RCVBUFFORCE" : "SO_RCVBUF",
        SocketKnobId.NoDelay => "TCP_NODELAY",
        SocketKnobId.MaxSegment => "TCP_MAXSEG",
        SocketKnobId.CongestionControl => "TCP_CONGESTION",
        SocketKnobId.NotSentLowat => "TCP_NOTSENT_LOWAT",
        SocketKnobId.Cork => "TCP_CORK",
        SocketKnobId.QuickAck => "TCP_QUICKACK",
        SocketKnobId.BusyPoll => "SO_BUSY_POLL",
        SocketKnobId.MaxPacingRate => "SO_MAX_PACING_RATE",
        SocketKnobId.TrafficClass => ipv6 ? "IPV6_TCLASS" : "IP_TOS",
        SocketKnobId.UdpSegment => "UDP_SEGMENT",
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, null),
    };
}
