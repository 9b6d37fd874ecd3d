namespace LoopBench.Core.Interop;

/// <summary>
/// Linux's socket levels, option numbers and error-queue cmsg types (uapi asm-generic/socket.h,
/// linux/in.h, linux/in6.h, linux/tcp.h, linux/udp.h): the one table that the knobs, the
/// transports, the probes and the interop calls all read. A level is also the cmsg level of a
/// control message (SOL_IP is IPPROTO_IP).
/// </summary>
internal static class SocketOptionNumbers
{
    public const int SolSocket = 1;
    public const int IpProtoIp = 0;
    public const int IpProtoTcp = 6;
    public const int IpProtoUdp = 17;
    public const int IpProtoIpv6 = 41;

    public const int SoSndBuf = 7;
    public const int SoRcvBuf = 8;
    public const int SoPeerCred = 17;
    public const int SoRcvLowat = 18;
    public const int SoAttachFilter = 26;
    public const int SoSndBufForce = 32;
    public const int SoRcvBufForce = 33;

    /// <summary>SO_TIMESTAMPING, the _OLD value, whose cmsg carries three struct timespec of 16 bytes on LP64.</summary>
    public const int SoTimestamping = 37;
    public const int SoBusyPoll = 46;
    public const int SoMaxPacingRate = 47;
    public const int SoZeroCopy = 60;

    public const int TcpNoDelay = 1;
    public const int TcpMaxSeg = 2;
    public const int TcpCork = 3;
    public const int TcpInfo = 11;
    public const int TcpQuickAck = 12;
    public const int TcpCongestion = 13;
    public const int TcpNotSentLowat = 25;

    public const int IpTos = 1;

    /// <summary>IP_RECVERR, also the cmsg type of an IPv4 error-queue entry.</summary>
    public const int IpRecvErr = 11;
    public const int IpBindAddressNoPort = 24;

    /// <summary>IPV6_RECVERR, also the cmsg type of an IPv6 error-queue entry.</summary>
    public const int Ipv6RecvErr = 25;
    public const int Ipv6TClass = 67;

    public const int UdpSegment = 103;
    public const int UdpGro = 104;
}
