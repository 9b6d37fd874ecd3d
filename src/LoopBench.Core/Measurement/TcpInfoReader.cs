using System.Buffers.Binary;
using System.Net.Sockets;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Measurement;

/// <summary>
/// Reads TCP_INFO with <see cref="Socket.GetRawSocketOption"/> into a stack buffer (no allocation)
/// and parses it by the length the kernel returned, so older kernels simply leave fields null.
/// </summary>
internal static class TcpInfoReader
{
    /// <summary>sizeof(struct tcp_info) on Linux 6.x is 248; room for growth.</summary>
    internal const int BufferBytes = 512;

    // Offsets in struct tcp_info (include/uapi/linux/tcp.h); each group marks when the kernel added it.
    private const int RtoOffset = 8;
    private const int SndMssOffset = 16;
    private const int RcvMssOffset = 20;
    private const int UnackedOffset = 24;
    private const int LostOffset = 32;
    private const int RttOffset = 68;
    private const int RttVarOffset = 72;
    private const int SndSsthreshOffset = 76;
    private const int SndCwndOffset = 80;
    private const int RcvSpaceOffset = 96;
    private const int TotalRetransOffset = 100; // end of the 2.6 struct: 104 bytes
    private const int PacingRateOffset = 104; // 4.0
    private const int MaxPacingRateOffset = 112;
    private const int BytesAckedOffset = 120; // 4.1
    private const int BytesReceivedOffset = 128;
    private const int NotSentBytesOffset = 144; // 4.6
    private const int MinRttOffset = 148;
    private const int DeliveryRateOffset = 160; // 4.9
    private const int BusyTimeOffset = 168; // 4.10
    private const int RwndLimitedOffset = 176;
    private const int SndbufLimitedOffset = 184;
    private const int BytesSentOffset = 200; // 4.19
    private const int BytesRetransOffset = 208;
    private const int SndWndOffset = 228; // 5.4
    private const byte DeliveryRateAppLimitedBit = 0x01; // byte 7, first bitfield

    /// <summary>Reads TCP_INFO of a TCP socket; false (and default) when the socket is not TCP or closed.</summary>
    public static bool TryRead(Socket socket, out TcpInfoSnapshot info)
    {
        ArgumentNullException.ThrowIfNull(socket);
        info = default;
        if (socket.ProtocolType != ProtocolType.Tcp)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[BufferBytes];
        int length;
        try
        {
            length = socket.GetRawSocketOption(SocketOptionNumbers.IpProtoTcp, SocketOptionNumbers.TcpInfo, buffer);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }

        info = Parse(buffer[..length]);
        return true;
    }

    /// <summary>Parses raw tcp_info bytes (native little-endian), as long as the kernel made them.</summary>
    public static TcpInfoSnapshot Parse(ReadOnlySpan<byte> raw)
    {
        int n = raw.Length;
        if (n < TotalRetransOffset + 4)
        {
            return new TcpInfoSnapshot { LengthBytes = n, State = n > 0 ? raw[0] : (byte)0 };
        }

        return new TcpInfoSnapshot
        {
            LengthBytes = n,
            State = raw[0],
            CaState = raw[1],
            Retransmits = raw[2],
            RtoUs = U32(raw, RtoOffset),
            SendMssBytes = U32(raw, SndMssOffset),
            ReceiveMssBytes = U32(raw, RcvMssOffset),
            UnackedSegments = U32(raw, UnackedOffset),
            LostSegments = U32(raw, LostOffset),
            RttUs = U32(raw, RttOffset),
            RttVarUs = U32(raw, RttVarOffset),
            SendSsthreshSegments = U32(raw, SndSsthreshOffset),
            SendCwndSegments = U32(raw, SndCwndOffset),
            ReceiveSpaceBytes = U32(raw, RcvSpaceOffset),
            TotalRetransSegments = U32(raw, TotalRetransOffset),
            PacingRateBytesPerSecond = U64(raw, PacingRateOffset),
            MaxPacingRateBytesPerSecond = U64(raw, MaxPacingRateOffset),
            BytesAcked = U64(raw, BytesAckedOffset),
            BytesReceived = U64(raw, BytesReceivedOffset),
            NotSentBytes = U32OrNull(raw, NotSentBytesOffset),
            MinRttUs = U32OrNull(raw, MinRttOffset),
            DeliveryRateBytesPerSecond = U64(raw, DeliveryRateOffset),
            DeliveryRateAppLimited = n >= DeliveryRateOffset + 8 ? (raw[7] & DeliveryRateAppLimitedBit) != 0 : null,
            BusyUs = U64(raw, BusyTimeOffset),
            ReceiveWindowLimitedUs = U64(raw, RwndLimitedOffset),
            SendBufferLimitedUs = U64(raw, SndbufLimitedOffset),
            BytesSent = U64(raw, BytesSentOffset),
            BytesRetransmitted = U64(raw, BytesRetransOffset),
            SendWindowBytes = U32OrNull(raw, SndWndOffset),
        };
    }

    private static uint U32(ReadOnlySpan<byte> raw, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(raw[offset..]);

    private static uint? U32OrNull(ReadOnlySpan<byte> raw, int offset) =>
        raw.Length >= offset + 4 ? BinaryPrimitives.ReadUInt32LittleEndian(raw[offset..]) : null;

    private static ulong? U64(ReadOnlySpan<byte> raw, int offset) =>
        raw.Length >= offset + 8 ? BinaryPrimitives.ReadUInt64LittleEndian(raw[offset..]) : null;
}
