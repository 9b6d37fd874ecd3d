using System.Net.Sockets;
using System.Runtime.CompilerServices;
using LoopBench.Core.Results;

namespace LoopBench.Core.Transports;

/// <summary>
/// Applies <see cref="SocketKnobs"/> to one socket, reads every option back from the kernel and
/// explains the difference, producing one <see cref="KnobResult"/> per knob asked for (plus the
/// buffer sizes, which are always reported). Setup-time code: it may allocate; only
/// <see cref="RearmQuickAck"/> is meant for a hot loop.
/// </summary>
public static partial class SocketKnobApplier
{
    internal const int SolSocket = 1;
    internal const int IpProtoIp = 0;
    internal const int IpProtoTcp = 6;
    internal const int IpProtoUdp = 17;
    internal const int IpProtoIpv6 = 41;
    internal const int SoSndBuf = 7;
    internal const int SoRcvBuf = 8;
    internal const int SoSndBufForce = 32;
    internal const int SoRcvBufForce = 33;
    internal const int SoBusyPoll = 46;
    internal const int SoMaxPacingRate = 47;
    internal const int TcpNoDelay = 1;
    internal const int TcpMaxSeg = 2;
    internal const int TcpCork = 3;
    internal const int TcpQuickAck = 12;
    internal const int TcpCongestion = 13;
    internal const int TcpNotSentLowat = 25;
    internal const int IpTos = 1;
    internal const int Ipv6TClass = 67;
    internal const int UdpSegment = 103;

    /// <summary>
    /// Applies the knobs to <paramref name="socket"/> of transport <paramref name="transportId"/>.
    /// Rejected pairings are not set; no-effect pairings are set and marked so. Never throws for a
    /// kernel refusal: that becomes a "failed" result naming the errno or the available choices.
    /// </summary>
    public static IReadOnlyList<KnobResult> Apply(
        Socket socket, string transportId, string side, SocketKnobs knobs, KernelNetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(knobs);
        ArgumentNullException.ThrowIfNull(limits);
        var results = new List<KnobResult>();
        bool ipv6 = socket.AddressFamily == AddressFamily.InterNetworkV6;
        foreach (var id in Enum.GetValues<SocketKnobId>())
        {
            if (!knobs.IsRequested(id))
            {
                if (id is SocketKnobId.SendBuffer or SocketKnobId.ReceiveBuffer)
                {
                    results.Add(DefaultBuffer(socket, id, side));
                }

                continue;
            }

            var (verdict, reason) = SocketKnobApplicability.Check(id, transportId, limits.LoQdisc);
            string name = id.KernelName(ipv6, knobs.ForceBuffers && (id is SocketKnobId.SendBuffer or SocketKnobId.ReceiveBuffer));
            var (requested, requestedValue, unit) = Requested(id, knobs);
            var blank = new KnobResult(name, id.ToId(), side, KnobStatus.Rejected, unit, requested, null, requestedValue, null, null, reason);
            if (verdict == KnobVerdict.Rejected)
            {
                results.Add(blank);
                continue;
            }

            var applied = SetAndReadBack(socket, id, knobs, limits, blank, ipv6);
            results.Add(verdict == KnobVerdict.NoEffect && applied.Status != KnobStatus.Failed
                ? applied with { Status = KnobStatus.NoEffect, Note = reason }
                : applied);
        }

        return results;
    }

    /// <summary>
    /// Re-arms TCP_QUICKACK after a receive: the kernel leaves quick-ack mode on its own (it is not
    /// sticky), so a workload that wants immediate ACKs calls this after every receive. One
    /// setsockopt from a stack buffer: no allocation. Returns false if the kernel refused.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool RearmQuickAck(Socket socket)
    {
        Span<byte> one = [1, 0, 0, 0];
        try
        {
            socket.SetRawSocketOption(IpProtoTcp, TcpQuickAck, one);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static KnobResult SetAndReadBack(Socket socket, SocketKnobId id, SocketKnobs knobs, KernelNetLimits limits, KnobResult blank, bool ipv6)
    {
        var (level, option) = Option(id, knobs.ForceBuffers, ipv6);
        try
        {
            Set(socket, id, knobs, level, option);
        }
        catch (SocketException ex)
        {
            string note = id == SocketKnobId.CongestionControl
                ? limits.UnknownCongestionMessage(knobs.CongestionControl!)
                : SocketKnobText.Invariant($"the kernel refused it: {ex.SocketErrorCode} (errno {ex.ErrorCode}) {ex.Message}");
            return blank with { Status = KnobStatus.Failed, Note = note };
        }

        if (id == SocketKnobId.CongestionControl)
        {
            string effective = SocketTuning.CongestionControlOf(socket);
            bool same = string.Equals(effective, knobs.CongestionControl, StringComparison.Ordinal);
            return blank with
            {
                Status = same ? KnobStatus.Applied : KnobStatus.Capped,
                Effective = effective,
                Note = same ? null : "the kernel reports a different algorithm",
            };
        }

        // Buffers and the rest read back through the plain (non-FORCE) option number.
        var (readLevel, readOption) = Option(id, force: false, ipv6);
        long value = ReadNumber(socket, readLevel, readOption);
        return Explain(id, knobs, limits, socket, blank with { EffectiveValue = value, Effective = Format(id, value) });
    }

    private static void Set(Socket socket, SocketKnobId id, SocketKnobs knobs, int level, int option)
    {
        Span<byte> buffer = stackalloc byte[16];
        int length;
        switch (id)
        {
            case SocketKnobId.CongestionControl:
                length = System.Text.Encoding.ASCII.GetBytes(knobs.CongestionControl!, buffer);
                break;
            case SocketKnobId.MaxPacingRate:
                // u64 since Linux 4.20; the kernel takes either width by optlen.
                BitConverter.TryWriteBytes(buffer, (ulong)knobs.MaxPacingRateBytesPerSecond!.Value);
                length = 8;
                break;
            default:
                BitConverter.TryWriteBytes(buffer, (int)RequestedNumber(id, knobs));
                length = 4;
                break;
        }

        socket.SetRawSocketOption(level, option, buffer[..length]);
    }

    internal static long ReadNumber(Socket socket, int level, int option)
    {
        Span<byte> buffer = stackalloc byte[8];
        buffer.Clear();
        int length = socket.GetRawSocketOption(level, option, buffer);
        return length >= 8 ? BitConverter.ToInt64(buffer) : length >= 4 ? BitConverter.ToInt32(buffer) : buffer[0];
    }

    internal static (int Level, int Option) Option(SocketKnobId id, bool force, bool ipv6) => id switch
    {
        SocketKnobId.SendBuffer => (SolSocket, force ? SoSndBufForce : SoSndBuf),
        SocketKnobId.ReceiveBuffer => (SolSocket, force ? SoRcvBufForce : SoRcvBuf),
        SocketKnobId.NoDelay => (IpProtoTcp, TcpNoDelay),
        SocketKnobId.MaxSegment => (IpProtoTcp, TcpMaxSeg),
        SocketKnobId.CongestionControl => (IpProtoTcp, TcpCongestion),
        SocketKnobId.NotSentLowat => (IpProtoTcp, TcpNotSentLowat),
        SocketKnobId.Cork => (IpProtoTcp, TcpCork),
        SocketKnobId.QuickAck => (IpProtoTcp, TcpQuickAck),
        SocketKnobId.BusyPoll => (SolSocket, SoBusyPoll),
        SocketKnobId.MaxPacingRate => (SolSocket, SoMaxPacingRate),
        SocketKnobId.TrafficClass => ipv6 ? (IpProtoIpv6, Ipv6TClass) : (IpProtoIp, IpTos),
        SocketKnobId.UdpSegment => (IpProtoUdp, UdpSegment),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, null),
    };

    private static long RequestedNumber(SocketKnobId id, SocketKnobs k) => id switch
    {
        SocketKnobId.SendBuffer => k.SendBufferBytes!.Value,
        SocketKnobId.ReceiveBuffer => k.ReceiveBufferBytes!.Value,
        SocketKnobId.NoDelay => k.NoDelay!.Value ? 1 : 0,
        SocketKnobId.MaxSegment => k.MaxSegmentBytes!.Value,
        SocketKnobId.NotSentLowat => k.NotSentLowatBytes!.Value,
        SocketKnobId.Cork => k.Cork!.Value ? 1 : 0,
        SocketKnobId.QuickAck => k.QuickAck!.Value ? 1 : 0,
        SocketKnobId.BusyPoll => k.BusyPollUs!.Value,
        SocketKnobId.MaxPacingRate => k.MaxPacingRateBytesPerSecond!.Value,
        SocketKnobId.TrafficClass => k.TrafficClass!.Value,
        SocketKnobId.UdpSegment => k.UdpSegmentBytes!.Value,
        _ => 0,
    };

    private static (string Text, long? Value, string Unit) Requested(SocketKnobId id, SocketKnobs k) =>
        id == SocketKnobId.CongestionControl
            ? (k.CongestionControl!, null, "name")
            : (Format(id, RequestedNumber(id, k)), RequestedNumber(id, k), UnitOf(id));

    internal static string UnitOf(SocketKnobId id) => id switch
    {
        SocketKnobId.SendBuffer or SocketKnobId.ReceiveBuffer or SocketKnobId.MaxSegment
            or SocketKnobId.NotSentLowat or SocketKnobId.UdpSegment => "bytes",
        SocketKnobId.NoDelay or SocketKnobId.Cork or SocketKnobId.QuickAck => "bool",
        SocketKnobId.BusyPoll => "us",
        SocketKnobId.MaxPacingRate => "bytes-per-second",
        SocketKnobId.TrafficClass => "tos",
        _ => "name",
    };

    internal static string Format(SocketKnobId id, long value) => UnitOf(id) switch
    {
        "bytes" => SocketKnobText.Bytes(value),
        "bool" => SocketKnobText.OnOff(value != 0),
        "us" => SocketKnobText.Microseconds(value),
        "bytes-per-second" => SocketKnobText.Rate(value),
        "tos" => SocketKnobText.Tos(value),
        _ => SocketKnobText.Invariant($"{value}"),
    };
}
