using System.Globalization;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Scenarios;

/// <summary>
/// The socket knobs as case parameters. A plain name ("rcvbuf") sets both sides; a "client-" or
/// "server-" prefix sets one. The names are the ids of <see cref="SocketKnobId"/>, so YAML and results agree.
/// </summary>
internal static partial class CaseParameters
{
    private sealed record KnobSpec(string Name, string Description, ParameterValue Value, Func<SocketKnobs, string, SocketKnobs> Set);

    private static IEnumerable<CaseParameter> KnobParameters()
    {
        KnobSpec[] specs =
        [
            new("sndbuf", "SO_SNDBUF request in bytes (64K, 16MiB); default: kernel default, autotuned", BufferSize, (k, v) => k with { SendBufferBytes = Buffer("sndbuf", v) }),
            new("rcvbuf", "SO_RCVBUF request in bytes; setting it turns receive autotuning off; default: kernel default", BufferSize, (k, v) => k with { ReceiveBufferBytes = Buffer("rcvbuf", v) }),
            new("mss", "TCP_MAXSEG in bytes, 88..32767, set before connect; default: kernel default", ParameterValue.Integer(KernelNetLimits.MinMssBytes, KernelNetLimits.MaxMssBytes), (k, v) => k with { MaxSegmentBytes = Number("mss", v) }),
            new("congestion", "TCP_CONGESTION per socket, e.g. reno, cubic, bbr; default: net.ipv4.tcp_congestion_control", ParameterValue.Matching(CongestionPattern), (k, v) => k with { CongestionControl = Name("congestion", v) }),
            new("notsent-lowat", "TCP_NOTSENT_LOWAT in bytes; default: kernel default", BufferSize, (k, v) => k with { NotSentLowatBytes = Buffer("notsent-lowat", v) }),
            new("cork", "TCP_CORK on/off; default: kernel default (off)", ParameterValue.Switch, (k, v) => k with { Cork = Bool("cork", v) }),
            new("quickack", "TCP_QUICKACK on/off, re-armed after each receive; default: kernel default", ParameterValue.Switch, (k, v) => k with { QuickAck = Bool("quickack", v) }),
            new("busy-poll", "SO_BUSY_POLL in µs (no effect on lo); default: kernel default", ParameterValue.Integer(0), (k, v) => k with { BusyPollUs = Number("busy-poll", v) }),
            new("max-pacing-rate", "SO_MAX_PACING_RATE in bit/s (1G), stored as bytes/s; default: unlimited", ParameterValue.Rate, (k, v) => k with { MaxPacingRateBytesPerSecond = Rate("max-pacing-rate", v) / 8 }),
            new("tos", "IP_TOS / IPV6_TCLASS, 0..255 (0x10 ok); default: 0", ParameterValue.Integer(0, 255) with { Pattern = TosPattern }, (k, v) => k with { TrafficClass = Tos("tos", v) }),
            new("udp-segment", "UDP_SEGMENT (GSO) segment size in bytes; default: off", ParameterValue.Size(1, SocketKnobValidation.MaxUdpSegmentBytes), (k, v) => k with { UdpSegmentBytes = Buffer("udp-segment", v) }),
        ];
        foreach (var spec in specs)
        {
            yield return new(spec.Name, spec.Description + "; both sides", spec.Value,
                (c, v) => c with { ClientKnobs = spec.Set(c.ClientKnobs, v), ServerKnobs = spec.Set(c.ServerKnobs, v) });
            yield return new("client-" + spec.Name, spec.Name + " of the client socket only", spec.Value, (c, v) => c with { ClientKnobs = spec.Set(c.ClientKnobs, v) });
            yield return new("server-" + spec.Name, spec.Name + " of the server socket only", spec.Value, (c, v) => c with { ServerKnobs = spec.Set(c.ServerKnobs, v) });
        }

        yield return new("window", "iperf3 -w: sndbuf and rcvbuf on both sides", BufferSize, (c, v) =>
        {
            int bytes = Buffer("window", v);
            return c with
            {
                ClientKnobs = c.ClientKnobs with { SendBufferBytes = bytes, ReceiveBufferBytes = bytes },
                ServerKnobs = c.ServerKnobs with { SendBufferBytes = bytes, ReceiveBufferBytes = bytes },
            };
        });
        yield return new("force-buffers", "SO_SNDBUFFORCE/SO_RCVBUFFORCE (CAP_NET_ADMIN) to exceed wmem_max/rmem_max; default off", ParameterValue.Switch, (c, v) =>
        {
            bool force = Bool("force-buffers", v);
            return c with { ClientKnobs = c.ClientKnobs with { ForceBuffers = force }, ServerKnobs = c.ServerKnobs with { ForceBuffers = force } };
        });
        yield return new("timestamps", "rr over tcp/udp, blocking engine: kernel software timestamps on 1 in 64 transactions, split into where the round trip went; default off", ParameterValue.Switch, (c, v) => c with { Timestamps = Bool("timestamps", v) });
        yield return new("zerocopy", "MSG_ZEROCOPY sends (tcp stream, blocking engine); default off", ParameterValue.Switch, (c, v) => c with { ZeroCopy = Bool("zerocopy", v) });
        yield return new("skip-copy", "MSG_TRUNC receives: counted, not copied (tcp stream, blocking engine); default off", ParameterValue.Switch, (c, v) => c with { SkipCopy = Bool("skip-copy", v) });
        yield return new("batch", "UDP stream/reverse, blocking engine: datagrams per sendmmsg/recvmmsg call, 1 (off) to 1024; default 1", ParameterValue.Integer(1, CaseBatchRules.MaxBatch), (c, v) => c with { Batch = Number("batch", v) });
        yield return new("udp-gro", "UDP stream/reverse, blocking engine: UDP_GRO on the receiver, coalesced receives counted per datagram; default off", ParameterValue.Switch, (c, v) => c with { UdpGro = Bool("udp-gro", v) });
        yield return new("capture", "first N packets of each repetition to a pcap beside the results (needs tcpdump); default 0 (off)", ParameterValue.Integer(0), (c, v) =>
            c with { CapturePackets = Number("capture", v) is int n and >= 0 ? n : throw new ParameterException("capture", $"'{v}' must be 0 or a positive packet count") });
    }

    /// <summary>The text <see cref="Tos"/> accepts: decimal or 0x-prefixed hex.</summary>
    private const string TosPattern = @"^\s*(0[xX][0-9a-fA-F]+|[0-9]+)\s*$";

    /// <summary>The names <see cref="Name"/> accepts: 1 to 15 letters, digits, '_' or '-' (TCP_CA_NAME_MAX is 16 with the NUL).</summary>
    private const string CongestionPattern = @"^\s*[A-Za-z0-9_-]{1,15}\s*$";

    /// <summary>A buffer size as <see cref="Buffer"/> accepts it.</summary>
    private static ParameterValue BufferSize => ParameterValue.Size(1, SocketKnobValidation.MaxBufferBytes);

    /// <summary>A buffer size: a size with suffixes that must fit the int the kernel takes (it doubles it).</summary>
    private static int Buffer(string name, string text)
    {
        if (!ValueParsers.TryParseBytes(text, out long bytes, out string error))
        {
            throw new ParameterException(name, error);
        }

        return bytes is >= 1 and <= SocketKnobValidation.MaxBufferBytes
            ? (int)bytes
            : throw new ParameterException(name, string.Create(CultureInfo.InvariantCulture,
                $"{bytes} bytes is out of range: a socket option takes 1 to {SocketKnobValidation.MaxBufferBytes} bytes (the kernel doubles it into an int)"));
    }

    private static int Number(string name, string text) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ParameterException(name, $"'{text}' is not a whole number");

    private static int Tos(string name, string text)
    {
        string t = text.Trim();
        bool ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(t[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int value)
            : int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
        return ok ? value : throw new ParameterException(name, $"'{text}' is not a TOS byte; use 0..255 or 0x00..0xff");
    }

    private static string Name(string name, string text) =>
        text.Trim() is { Length: > 0 and < 16 } n && n.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-')
            ? n
            : throw new ParameterException(name, $"'{text}' is not a congestion control name (e.g. reno, cubic, bbr)");
}
