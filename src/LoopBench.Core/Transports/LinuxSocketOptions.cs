using System.Net.Sockets;
using LoopBench.Core.Interop;
using static LoopBench.Core.Interop.SocketOptionNumbers;

namespace LoopBench.Core.Transports;

/// <summary>Each knob's setsockopt level and option (numbers from <see cref="SocketOptionNumbers"/>), and the read-back.</summary>
internal static class LinuxSocketOptions
{
    /// <summary>The option's value as the kernel reports it, 4 or 8 bytes wide.</summary>
    public static long ReadNumber(Socket socket, int level, int option)
    {
        Span<byte> buffer = stackalloc byte[8];
        buffer.Clear();
        int length = socket.GetRawSocketOption(level, option, buffer);
        return length >= 8 ? BitConverter.ToInt64(buffer) : length >= 4 ? BitConverter.ToInt32(buffer) : buffer[0];
    }

    public static (int Level, int Option) Option(SocketKnobId id, bool force, bool ipv6) => id switch
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
}
