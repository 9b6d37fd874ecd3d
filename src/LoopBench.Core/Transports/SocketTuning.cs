using System.Net.Sockets;
using System.Text;
using LoopBench.Core.Results;

namespace LoopBench.Core.Transports;

/// <summary>Applies a case's socket options to a pair and reads back what took effect.</summary>
public static class SocketTuning
{
    private const int IpProtoTcp = 6;
    private const int TcpMaxSeg = 2;
    private const int TcpCongestion = 13;
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
        bool tcp = pair.Transport.IsTcp();
        return new SocketSettingsResult(
            NoDelay: tcp ? pair.Client.NoDelay && pair.Server.NoDelay : null,
            CongestionControl: tcp ? CongestionControlOf(pair.Client) : null,
            MssBytes: tcp ? MaxSegmentOf(pair.Client) : null,
            ClientSendBufferBytes: pair.Client.SendBufferSize,
            ClientReceiveBufferBytes: pair.Client.ReceiveBufferSize,
            ServerSendBufferBytes: pair.Server.SendBufferSize,
            ServerReceiveBufferBytes: pair.Server.ReceiveBufferSize);
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
