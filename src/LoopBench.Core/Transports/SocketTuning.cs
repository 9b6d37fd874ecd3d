using System.Net.Sockets;
using System.Text;
using static LoopBench.Core.Interop.SocketOptionNumbers;

namespace LoopBench.Core.Transports;

/// <summary>Applies a case's socket options to a pair and reads back what took effect.</summary>
internal static class SocketTuning
{
    private const int TcpCaNameMax = 16;

    /// <summary>Sets TCP_NODELAY on both ends of a TCP pair (no effect on other transports).</summary>
    public static void Apply(ConnectedPair pair, bool noDelay)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (pair.Transport.IsTcp())
        {
            pair.Client.NoDelay = noDelay;
            pair.Server.NoDelay = noDelay;
        }
    }

    /// <summary>Reads back the settings in force on both ends, as the kernel reports them.</summary>
    public static SocketSettingsResult ReadBack(ConnectedPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return Combine(ReadEnd(pair.Client), ReadEnd(pair.Server));
    }

    /// <summary>One end's settings as the kernel reports them (TCP_NODELAY, TCP_CONGESTION and TCP_MAXSEG only for TCP).</summary>
    public static SocketEndSettings ReadEnd(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        bool tcp = socket.ProtocolType == ProtocolType.Tcp;
        return new SocketEndSettings(
            tcp ? socket.NoDelay : null, tcp ? CongestionControlOf(socket) : null, tcp ? MaxSegmentOf(socket) : null,
            socket.SendBufferSize, socket.ReceiveBufferSize);
    }

    /// <summary>Both ends as one record: NODELAY when both have it, the client's congestion control and MSS.</summary>
    public static SocketSettingsResult Combine(SocketEndSettings client, SocketEndSettings server)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(server);
        return new SocketSettingsResult(
            NoDelay: client.NoDelay is bool c && server.NoDelay is bool s ? c && s : null,
            CongestionControl: client.CongestionControl,
            MssBytes: client.MssBytes,
            ClientSendBufferBytes: client.SendBufferBytes,
            ClientReceiveBufferBytes: client.ReceiveBufferBytes,
            ServerSendBufferBytes: server.SendBufferBytes,
            ServerReceiveBufferBytes: server.ReceiveBufferBytes);
    }

    /// <summary>TCP_CONGESTION as read back from the socket, e.g. "cubic".</summary>
    public static string CongestionControlOf(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> name = stackalloc byte[TcpCaNameMax];
        int length = socket.GetRawSocketOption(IpProtoTcp, TcpCongestion, name);
        int end = name[..length].IndexOf((byte)0);
        return Encoding.ASCII.GetString(name[..(end < 0 ? length : end)]);
    }

    private static int MaxSegmentOf(Socket socket)
    {
        Span<byte> value = stackalloc byte[4];
        socket.GetRawSocketOption(IpProtoTcp, TcpMaxSeg, value);
        return BitConverter.ToInt32(value);
    }
}

/// <summary>One socket's settings as read back.</summary>
/// <param name="NoDelay">TCP_NODELAY; null for non-TCP.</param>
/// <param name="CongestionControl">TCP_CONGESTION; null for non-TCP.</param>
/// <param name="MssBytes">TCP_MAXSEG; null for non-TCP.</param>
/// <param name="SendBufferBytes">SO_SNDBUF.</param>
/// <param name="ReceiveBufferBytes">SO_RCVBUF.</param>
internal sealed record SocketEndSettings(bool? NoDelay, string? CongestionControl, int? MssBytes, int SendBufferBytes, int ReceiveBufferBytes);
