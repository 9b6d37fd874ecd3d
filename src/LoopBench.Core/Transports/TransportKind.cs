namespace LoopBench.Core.Transports;

/// <summary>How a connected pair of sockets is made. Ids are the kebab-case names (tcp4, unix-dgram).</summary>
// public: test theories take it as a parameter, and xUnit test methods must be public
public enum TransportKind
{
    /// <summary>TCP over IPv4 loopback (127.0.0.0/8).</summary>
    [Id("tcp4")]
    Tcp4,

    /// <summary>TCP over IPv6 loopback (::1).</summary>
    [Id("tcp6")]
    Tcp6,

    /// <summary>UDP over IPv4 loopback, both sockets connected.</summary>
    [Id("udp4")]
    Udp4,

    /// <summary>UDP over IPv6 loopback, both sockets connected.</summary>
    [Id("udp6")]
    Udp6,

    /// <summary>AF_UNIX SOCK_STREAM on a path in a private 0700 directory (or the abstract namespace).</summary>
    [Id("unix-stream")]
    UnixStream,

    /// <summary>AF_UNIX SOCK_DGRAM: reliable, ordered, the sender blocks instead of dropping.</summary>
    [Id("unix-dgram")]
    UnixDgram,

    /// <summary>AF_UNIX SOCK_SEQPACKET: connection-oriented, keeps message boundaries.</summary>
    [Id("unix-seqpacket")]
    UnixSeqpacket,
}

/// <summary>Properties of each <see cref="TransportKind"/>.</summary>
internal static class TransportKindExtensions
{
    /// <summary>Largest UDP payload over IPv4: 65535 − 20 (IP) − 8 (UDP).</summary>
    public const int MaxUdp4PayloadBytes = 65507;

    /// <summary>Largest UDP payload over IPv6 without jumbograms: 65535 − 8 (UDP).</summary>
    public const int MaxUdp6PayloadBytes = 65527;

    /// <summary>True for the TCP transports, which take TCP socket options.</summary>
    public static bool IsTcp(this TransportKind kind) => kind is TransportKind.Tcp4 or TransportKind.Tcp6;

    /// <summary>True for UDP.</summary>
    public static bool IsUdp(this TransportKind kind) => kind is TransportKind.Udp4 or TransportKind.Udp6;

    /// <summary>True for the transports that bind an IP address.</summary>
    public static bool IsIp(this TransportKind kind) => kind.IsTcp() || kind.IsUdp();

    /// <summary>True for the IPv6 transports.</summary>
    public static bool IsIpv6(this TransportKind kind) => kind is TransportKind.Tcp6 or TransportKind.Udp6;

    /// <summary>True for AF_UNIX transports.</summary>
    public static bool IsUnix(this TransportKind kind) => kind is TransportKind.UnixStream or TransportKind.UnixDgram or TransportKind.UnixSeqpacket;

    /// <summary>True for connectionless transports (UDP, unix-dgram): no end of stream, no accept.</summary>
    public static bool IsConnectionless(this TransportKind kind) => kind.IsUdp() || kind == TransportKind.UnixDgram;

    /// <summary>True when each send arrives as one message (UDP, unix-dgram, unix-seqpacket).</summary>
    public static bool KeepsMessageBoundaries(this TransportKind kind) => kind.IsConnectionless() || kind == TransportKind.UnixSeqpacket;

    /// <summary>True where the kernel may drop datagrams (UDP); AF_UNIX senders block instead.</summary>
    public static bool CanLose(this TransportKind kind) => kind.IsUdp();

    /// <summary>The largest message one send may carry, or null when a stream has no such limit.</summary>
    public static int? MaxMessageBytes(this TransportKind kind) => kind switch
    {
        TransportKind.Udp4 => MaxUdp4PayloadBytes,
        TransportKind.Udp6 => MaxUdp6PayloadBytes,
        _ => null,
    };

    /// <summary>The default bind address of an IP transport.</summary>
    public static string DefaultAddress(this TransportKind kind) => kind.IsIpv6() ? "::1" : "127.0.0.1";
}
