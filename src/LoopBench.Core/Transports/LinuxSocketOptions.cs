using System.Net.Sockets;

namespace LoopBench.Core.Transports;

/// <summary>Linux's numbers for the knobs' setsockopt levels and options (uapi asm-generic/socket.h, linux/in.h, linux/in6.h, linux/tcp.h, linux/udp.h), and the read-back.</summary>
internal static class LinuxSocketOptions
{
    public const int SolSocket = 1;
    public const int IpProtoIp = 0;
    public const int IpProtoTcp = 6;
    public const int IpProtoUdp = 17;
    public const int IpProtoIpv6 = 41;
    public const int SoSndBuf = 7;
    public const int SoRcvBuf = 8;
    public const int SoSndBufForce = 32;
    public const int SoRcvBufForce = 33;
    public const int SoRcvLowat = 18;
    public const int SoBusyPoll = 46;
    public const int SoMaxPacingRate = 47;
    public const int TcpNoDelay = 1;
    public const int TcpMaxSeg = 2;
    public const int TcpCork = 3;
    public const int TcpQuickAck = 12;
    public const int TcpCongestion = 13;
    public const int TcpNotSentLowat = 25;
    public const int IpTos = 1;
    public const int Ipv6TClass = 67;
    public const int UdpSegment = 103;

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
