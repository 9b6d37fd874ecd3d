using System.Buffers.Binary;
using LoopBench.Core.Interop;

namespace LoopBench.Tests.Core.Interop;

/// <summary>Control buffers built byte by byte, in the kernel's LP64 layout, read by <see cref="TimestampCmsg"/>.</summary>
public sealed class TimestampCmsgTests
{
    private const long Seconds = 1_700_000_000;
    private const long Nanos = 123_456_789;
    private const long StampNs = (Seconds * 1_000_000_000L) + Nanos;

    [Fact]
    public void ReceiveStamp_ReadsTheSoftwareTimespecOfScmTimestamping()
    {
        byte[] control = [.. Cmsg(1, 37, ScmTimestamping(Seconds, Nanos, hardwareSeconds: 5))];
        Assert.True(TimestampCmsg.TryReadReceiveStamp(control, out long ns));
        Assert.Equal(StampNs, ns);
    }

    [Fact]
    public void ReceiveStamp_BehindAnotherCmsg_IsFound()
    {
        byte[] control = [.. Cmsg(0, 8, new byte[12]), .. Cmsg(1, 37, ScmTimestamping(Seconds, Nanos))];
        Assert.True(TimestampCmsg.TryReadReceiveStamp(control, out long ns));
        Assert.Equal(StampNs, ns);
    }

    [Fact]
    public void ReceiveStamp_None_WhenTheBufferHoldsNoTimestamp()
    {
        Assert.False(TimestampCmsg.TryReadReceiveStamp(Cmsg(0, 8, new byte[12]), out _));
        Assert.False(TimestampCmsg.TryReadReceiveStamp([], out _));
    }

    [Fact]
    public void ReceiveStamp_None_WhenTheKernelFilledZeros()
    {
        // A kernel that reports only hardware stamps leaves ts[0] zero: that is "none", not an epoch stamp.
        Assert.False(TimestampCmsg.TryReadReceiveStamp(Cmsg(1, 37, ScmTimestamping(0, 0, hardwareSeconds: 9)), out _));
    }

    [Fact]
    public void ReceiveStamp_TruncatedHeader_IsNotRead()
    {
        byte[] control = Cmsg(1, 37, ScmTimestamping(Seconds, Nanos));
        Assert.False(TimestampCmsg.TryReadReceiveStamp(control.AsSpan(0, 40), out _));
    }

    [Theory]
    [InlineData(0, 11)] // IP_RECVERR
    [InlineData(41, 25)] // IPV6_RECVERR
    public void TransmitStamp_ReadsStampAndOptIdKey_FromTheErrorQueueMessage(int level, int type)
    {
        byte[] control = [.. Cmsg(1, 37, ScmTimestamping(Seconds, Nanos)), .. Cmsg(level, type, ExtendedError(origin: 4, info: 0, data: 4095))];
        Assert.True(TimestampCmsg.TryReadTransmitStamp(control, out long ns, out uint key));
        Assert.Equal(StampNs, ns);
        Assert.Equal(4095u, key);
    }

    [Fact]
    public void TransmitStamp_None_ForAZeroCopyCompletion()
    {
        byte[] control = [.. Cmsg(0, 11, ExtendedError(origin: 5, info: 0, data: 1))];
        Assert.False(TimestampCmsg.TryReadTransmitStamp(control, out _, out _));
    }

    [Fact]
    public void TransmitStamp_None_ForAnAckStamp()
    {
        // ee_info SCM_TSTAMP_ACK (2): not the transmit stamp the decomposition needs.
        byte[] control = [.. Cmsg(1, 37, ScmTimestamping(Seconds, Nanos)), .. Cmsg(0, 11, ExtendedError(origin: 4, info: 2, data: 7))];
        Assert.False(TimestampCmsg.TryReadTransmitStamp(control, out _, out _));
    }

    [Fact]
    public void TransmitStamp_None_WithoutTheTimestampCmsg()
    {
        Assert.False(TimestampCmsg.TryReadTransmitStamp(Cmsg(0, 11, ExtendedError(origin: 4, info: 0, data: 7)), out _, out _));
    }

    /// <summary>struct cmsghdr (16 bytes) then data, padded to 8 (CMSG_SPACE).</summary>
    internal static byte[] Cmsg(int level, int type, byte[] data)
    {
        var buffer = new byte[16 + ((data.Length + 7) & ~7)];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, 16 + data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(8), level);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(12), type);
        data.CopyTo(buffer, 16);
        return buffer;
    }

    /// <summary>struct scm_timestamping: ts[0] software, ts[1] unused, ts[2] hardware.</summary>
    internal static byte[] ScmTimestamping(long seconds, long nanos, long hardwareSeconds = 0)
    {
        var data = new byte[48];
        BinaryPrimitives.WriteInt64LittleEndian(data, seconds);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8), nanos);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(32), hardwareSeconds);
        return data;
    }

    /// <summary>struct sock_extended_err (ENOMSG) followed by a zeroed sockaddr_in6 offender.</summary>
    internal static byte[] ExtendedError(byte origin, uint info, uint data)
    {
        var e = new byte[16 + 28];
        BinaryPrimitives.WriteUInt32LittleEndian(e, 42);
        e[4] = origin;
        BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(8), info);
        BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(12), data);
        return e;
    }
}
