namespace LoopBench.Core.Transports;

/// <summary>What happens when a knob meets a transport.</summary>
internal enum KnobVerdict
{
    /// <summary>The kernel applies it and it acts.</summary>
    [Id("applies")]
    Applies,

    /// <summary>The kernel accepts it but nothing on this path uses it; reported as "no effect", never as applied.</summary>
    [Id("no-effect")]
    NoEffect,

    /// <summary>The kernel refuses it (wrong protocol level) or it makes no sense here: not set.</summary>
    [Id("rejected")]
    Rejected,
}

/// <summary>
/// The applicability table: for a transport id ("tcp4", "tcp6", "udp4", "udp6", "unix-stream",
/// "unix-dgram", "unix-seqpacket", or any id added later with one of those prefixes) and a knob,
/// whether it applies, and the reason when it does not. Pure: the qdisc on lo is passed in.
/// </summary>
internal static class SocketKnobApplicability
{
    /// <summary>The transport families the table knows, from the id's prefix.</summary>
    public enum Family
    {
        /// <summary>Not a known id.</summary>
        [Id("unknown")]
        Unknown,

        /// <summary>tcp4, tcp6, …</summary>
        [Id("tcp")]
        Tcp,

        /// <summary>udp4, udp6, …</summary>
        [Id("udp")]
        Udp,

        /// <summary>unix-stream, unix-dgram, unix-seqpacket.</summary>
        [Id("unix")]
        Unix,
    }

    /// <summary>The family of a transport id by its prefix.</summary>
    public static Family FamilyOf(string transportId)
    {
        ArgumentNullException.ThrowIfNull(transportId);
        return transportId.StartsWith("tcp", StringComparison.Ordinal) ? Family.Tcp
            : transportId.StartsWith("udp", StringComparison.Ordinal) ? Family.Udp
            : transportId.StartsWith("unix", StringComparison.Ordinal) ? Family.Unix
            : Family.Unknown;
    }

    /// <summary>True for ids of IPv6 transports ("tcp6", "udp6").</summary>
    public static bool IsIpv6(string transportId) => transportId.EndsWith('6');

    /// <summary>
    /// The verdict for one knob on one transport, with the reason in words when it is not
    /// <see cref="KnobVerdict.Applies"/>. <paramref name="loQdisc"/> is the root qdisc of lo
    /// ("noqueue" by default, "fq" when set up for pacing); it only matters for pacing on UDP.
    /// </summary>
    public static (KnobVerdict Verdict, string? Reason) Check(SocketKnobId knob, string transportId, string loQdisc = "noqueue")
    {
        var family = FamilyOf(transportId);
        if (family == Family.Unknown)
        {
            return (KnobVerdict.Rejected, $"unknown transport '{transportId}'");
        }

        return knob switch
        {
            SocketKnobId.SendBuffer => (KnobVerdict.Applies, null),
            SocketKnobId.ReceiveBuffer when family == Family.Unix => (KnobVerdict.NoEffect,
                "AF_UNIX queues count against the sender's SO_SNDBUF; the receiver's SO_RCVBUF is accepted but unused"),
            SocketKnobId.ReceiveBuffer => (KnobVerdict.Applies, null),
            SocketKnobId.NoDelay or SocketKnobId.MaxSegment or SocketKnobId.CongestionControl or SocketKnobId.NotSentLowat
                or SocketKnobId.Cork or SocketKnobId.QuickAck when family != Family.Tcp =>
                (KnobVerdict.Rejected, $"{knob.KernelName()} is a TCP option; {transportId} is not TCP"),
            SocketKnobId.NoDelay or SocketKnobId.MaxSegment or SocketKnobId.CongestionControl or SocketKnobId.NotSentLowat
                or SocketKnobId.Cork or SocketKnobId.QuickAck => (KnobVerdict.Applies, null),
            SocketKnobId.BusyPoll when family == Family.Unix => (KnobVerdict.NoEffect,
                "AF_UNIX has no device queue to busy-poll"),
            SocketKnobId.BusyPoll => (KnobVerdict.NoEffect,
                "lo has no NAPI context, so there is no device queue to busy-poll; the value is stored but never used"),
            SocketKnobId.MaxPacingRate when family == Family.Tcp => (KnobVerdict.Applies, null),
            SocketKnobId.MaxPacingRate when family == Family.Udp && string.Equals(loQdisc, "fq", StringComparison.Ordinal) =>
                (KnobVerdict.Applies, null),
            SocketKnobId.MaxPacingRate when family == Family.Udp => (KnobVerdict.NoEffect,
                $"UDP is paced only by the fq qdisc; lo's root qdisc is {loQdisc}"),
            SocketKnobId.MaxPacingRate => (KnobVerdict.NoEffect, "AF_UNIX sockets are never paced"),
            SocketKnobId.TrafficClass when family == Family.Unix => (KnobVerdict.Rejected, "IP_TOS/IPV6_TCLASS need an IP socket"),
            SocketKnobId.TrafficClass => (KnobVerdict.Applies, null),
            SocketKnobId.UdpSegment when family == Family.Udp => (KnobVerdict.Applies, null),
            SocketKnobId.UdpSegment => (KnobVerdict.Rejected, $"UDP_SEGMENT is a UDP option; {transportId} is not UDP"),
            _ => (KnobVerdict.Rejected, "unknown knob"),
        };
    }
}
