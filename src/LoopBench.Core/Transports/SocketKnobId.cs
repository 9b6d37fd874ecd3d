namespace LoopBench.Core.Transports;

/// <summary>
/// The socket options LoopBench sets and reads back, and the two per-call message flags recorded beside
/// them as knob lines. Its ids are the scenario parameter names ("rcvbuf", "congestion", "zerocopy").
/// </summary>
// public: test theories take it as a parameter, and xUnit test methods must be public
public enum SocketKnobId
{
    /// <summary>SO_SNDBUF (or SO_SNDBUFFORCE).</summary>
    [Id("sndbuf")]
    SendBuffer,

    /// <summary>SO_RCVBUF (or SO_RCVBUFFORCE).</summary>
    [Id("rcvbuf")]
    ReceiveBuffer,

    /// <summary>TCP_NODELAY.</summary>
    [Id("nodelay")]
    NoDelay,

    /// <summary>TCP_MAXSEG.</summary>
    [Id("mss")]
    MaxSegment,

    /// <summary>TCP_CONGESTION.</summary>
    [Id("congestion")]
    CongestionControl,

    /// <summary>TCP_NOTSENT_LOWAT.</summary>
    [Id("notsent-lowat")]
    NotSentLowat,

    /// <summary>TCP_CORK.</summary>
    [Id("cork")]
    Cork,

    /// <summary>TCP_QUICKACK.</summary>
    [Id("quickack")]
    QuickAck,

    /// <summary>SO_BUSY_POLL.</summary>
    [Id("busy-poll")]
    BusyPoll,

    /// <summary>SO_MAX_PACING_RATE.</summary>
    [Id("max-pacing-rate")]
    MaxPacingRate,

    /// <summary>IP_TOS or IPV6_TCLASS.</summary>
    [Id("tos")]
    TrafficClass,

    /// <summary>UDP_SEGMENT.</summary>
    [Id("udp-segment")]
    UdpSegment,

    /// <summary>MSG_ZEROCOPY on each send: a message flag (the case's zerocopy), not a socket option, so never in <see cref="SocketKnobs"/>.</summary>
    [Id("zerocopy")]
    ZeroCopy,

    /// <summary>MSG_TRUNC on each receive: a message flag (the case's skip-copy), not a socket option, so never in <see cref="SocketKnobs"/>.</summary>
    [Id("skip-copy")]
    SkipCopy,
}

/// <summary>Kernel names of <see cref="SocketKnobId"/>.</summary>
internal static class SocketKnobIds
{
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
        SocketKnobId.ZeroCopy => "MSG_ZEROCOPY",
        SocketKnobId.SkipCopy => "MSG_TRUNC",
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, null),
    };
}
