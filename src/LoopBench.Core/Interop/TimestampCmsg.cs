using static LoopBench.Core.Interop.SocketOptionNumbers;

namespace LoopBench.Core.Interop;

/// <summary>
/// Reads the kernel's software timestamps out of a recvmsg control buffer (LP64 layouts):
/// SCM_TIMESTAMPING on a receive, and SCM_TIMESTAMPING beside IP_RECVERR/IPV6_RECVERR on the
/// error queue for a transmit stamp. Pure functions over bytes, so built buffers test them.
/// </summary>
internal static class TimestampCmsg
{
    /// <summary>SO_EE_ORIGIN_TIMESTAMPING: the error-queue entry is a timestamp, not an error.</summary>
    public const byte OriginTimestamping = 4;

    /// <summary>SCM_TSTAMP_SND: the stamp was taken when the packet left through the device (lo's xmit).</summary>
    public const uint TstampSnd = 0;

    /// <summary>struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; }: 16 bytes, data 8-aligned.</summary>
    public const int HeaderBytes = 16;

    /// <summary>struct scm_timestamping: three struct timespec (software, deprecated, hardware), 48 bytes.</summary>
    public const int ScmTimestampingBytes = 48;

    /// <summary>struct sock_extended_err: 16 bytes (the offender address follows; we do not read it).</summary>
    public const int ExtendedErrorBytes = 16;

    /// <summary>The software stamp (ts[0]) of an SCM_TIMESTAMPING cmsg in ns since the epoch; false when there is none or it is zero.</summary>
    public static bool TryReadReceiveStamp(ReadOnlySpan<byte> control, out long stampNs)
    {
        stampNs = 0;
        int offset = 0;
        while (Next(control, ref offset, out int level, out int type, out var data))
        {
            if (level == SolSocket && type == SoTimestamping && data.Length >= ScmTimestampingBytes)
            {
                stampNs = SoftwareNs(data);
            }
        }

        return stampNs != 0;
    }

    /// <summary>
    /// A transmit stamp from one error-queue message: the SCM_TIMESTAMPING software stamp and the
    /// OPT_ID key (ee_data) of a sock_extended_err whose origin is timestamping and ee_info SCM_TSTAMP_SND.
    /// False when either is missing (another kind of entry, or a kernel that stamps nothing).
    /// </summary>
    public static bool TryReadTransmitStamp(ReadOnlySpan<byte> control, out long stampNs, out uint key)
    {
        stampNs = 0;
        key = 0;
        bool keyed = false;
        int offset = 0;
        while (Next(control, ref offset, out int level, out int type, out var data))
        {
            if (level == SolSocket && type == SoTimestamping && data.Length >= ScmTimestampingBytes)
            {
                stampNs = SoftwareNs(data);
            }
            else if (((level == IpProtoIp && type == IpRecvErr) || (level == IpProtoIpv6 && type == Ipv6RecvErr)) && data.Length >= ExtendedErrorBytes)
            {
                // struct sock_extended_err { u32 ee_errno; u8 ee_origin, ee_type, ee_code, ee_pad; u32 ee_info; u32 ee_data; }
                if (data[4] == OriginTimestamping && ReadU32(data[8..]) == TstampSnd)
                {
                    key = ReadU32(data[12..]);
                    keyed = true;
                }
            }
        }

        return keyed && stampNs != 0;
    }

    private static long SoftwareNs(ReadOnlySpan<byte> data) =>
        (ReadI64(data) * 1_000_000_000L) + ReadI64(data[8..]);

    private static long ReadI64(ReadOnlySpan<byte> b) => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(b);

    private static uint ReadU32(ReadOnlySpan<byte> b) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(b);

    private static int ReadI32(ReadOnlySpan<byte> b) => System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(b);

    /// <summary>CMSG_FIRSTHDR/CMSG_NXTHDR over a span: false at the end or at a truncated or malformed header.</summary>
    private static bool Next(ReadOnlySpan<byte> control, ref int offset, out int level, out int type, out ReadOnlySpan<byte> data)
    {
        level = 0;
        type = 0;
        data = default;
        if (offset + HeaderBytes > control.Length)
        {
            return false;
        }

        long length = ReadI64(control[offset..]);
        if (length < HeaderBytes || offset + length > control.Length)
        {
            return false;
        }

        level = ReadI32(control[(offset + 8)..]);
        type = ReadI32(control[(offset + 12)..]);
        data = control.Slice(offset + HeaderBytes, (int)length - HeaderBytes);
        offset += (int)((length + 7) & ~7L);
        return true;
    }
}
