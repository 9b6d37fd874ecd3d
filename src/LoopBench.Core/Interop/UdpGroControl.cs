using System.Buffers.Binary;
using static LoopBench.Core.Interop.SocketOptionNumbers;

namespace LoopBench.Core.Interop;

/// <summary>
/// UDP_GRO on a receiving socket: a receive may return several datagrams of one flow coalesced,
/// and a control message (SOL_UDP, UDP_GRO, int) gives their segment size; every datagram but the
/// last is that long. A receive without the control message holds one datagram. On loopback the
/// kernel coalesces nothing itself (lo has no GRO pass); what arrives coalesced is what a UDP_SEGMENT
/// (GSO) sender sent as one, kept whole for a GRO socket instead of being split.
/// </summary>
internal static class UdpGroControl
{
    /// <summary>Control bytes a receive entry needs for the one UDP_GRO message: CMSG_SPACE(sizeof(int)) = 24, rounded up.</summary>
    public const int ControlBytes = 32;

    // struct cmsghdr (LP64): size_t cmsg_len; int cmsg_level; int cmsg_type; then data at 8-byte alignment.
    private const int CmsgHeaderBytes = 16;

    /// <summary>
    /// The UDP_GRO segment size in <paramref name="control"/> (the msg_controllen bytes the kernel
    /// wrote), or 0 when there is none: the receive holds one datagram.
    /// </summary>
    public static int SegmentSize(ReadOnlySpan<byte> control)
    {
        int offset = 0;
        while (control.Length - offset >= CmsgHeaderBytes)
        {
            long length = BinaryPrimitives.ReadInt64LittleEndian(control[offset..]);
            if (length < CmsgHeaderBytes || length > control.Length - offset)
            {
                return 0; // malformed or cut short (MSG_CTRUNC): trust nothing after it
            }

            int level = BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 8)..]);
            int type = BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 12)..]);
            if (level == IpProtoUdp && type == UdpGro && length >= CmsgHeaderBytes + sizeof(int))
            {
                return BinaryPrimitives.ReadInt32LittleEndian(control[(offset + CmsgHeaderBytes)..]);
            }

            offset += (int)((length + 7) & ~7L); // CMSG_ALIGN
        }

        return 0;
    }

    /// <summary>Writes one UDP_GRO control message into <paramref name="control"/>, as the kernel does; returns its length (tests and fakes).</summary>
    public static int Write(Span<byte> control, int segmentSize)
    {
        BinaryPrimitives.WriteInt64LittleEndian(control, CmsgHeaderBytes + sizeof(int));
        BinaryPrimitives.WriteInt32LittleEndian(control[8..], IpProtoUdp);
        BinaryPrimitives.WriteInt32LittleEndian(control[12..], UdpGro);
        BinaryPrimitives.WriteInt32LittleEndian(control[CmsgHeaderBytes..], segmentSize);
        return CmsgHeaderBytes + sizeof(int);
    }
}
