using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace LoopBench.Core.Interop;

/// <summary>
/// SO_TIMESTAMPING on one connected socket: sends that ask the kernel for a software transmit stamp,
/// receives that read the software receive stamp, and the error-queue read that returns the transmit
/// stamp. Every buffer is allocated once here, so a sampled message allocates nothing.
/// </summary>
/// <remarks>
/// The socket asks for receive stamps and reporting only; a transmit stamp is asked for per sendmsg
/// with an SO_TIMESTAMPING cmsg. Setting SOF_TIMESTAMPING_TX_SOFTWARE on the socket instead would stamp
/// every send and fill the error queue (charged to the receive buffer) with entries nobody reads.
/// Software stamps are CLOCK_REALTIME; <see cref="RealtimeNs"/> reads the same clock in user space.
/// </remarks>
internal sealed unsafe class StampedSocket
{
    /// <summary>SOF_TIMESTAMPING_TX_SOFTWARE: stamp when the packet leaves through the device.</summary>
    public const uint TxSoftware = 1u << 1;

    /// <summary>SOF_TIMESTAMPING_RX_SOFTWARE: stamp when the packet enters the stack.</summary>
    public const uint RxSoftware = 1u << 3;

    /// <summary>SOF_TIMESTAMPING_SOFTWARE: report software stamps.</summary>
    public const uint Software = 1u << 4;

    /// <summary>SOF_TIMESTAMPING_OPT_ID: a key per stamped send (TCP: byte offset of its last byte; UDP: a counter).</summary>
    public const uint OptId = 1u << 7;

    /// <summary>SOF_TIMESTAMPING_OPT_TSONLY: error-queue entries carry the stamp without a copy of the packet.</summary>
    public const uint OptTsOnly = 1u << 11;

    /// <summary>The socket-wide flags.</summary>
    public const uint SocketFlags = RxSoftware | Software | OptId | OptTsOnly;

    private const int MsgNoSignal = 0x4000;
    private const int ClockRealtime = 0;

    // Room for SCM_TIMESTAMPING (16 + 48) and IP(V6)_RECVERR (16 + 16 + a sockaddr_in6 of 28), 8-aligned, with slack.
    private const int ControlBytes = 256;

    // CMSG_SPACE(sizeof(u32)) = 16 + 8; cmsg_len = CMSG_LEN(4) = 20.
    private const int SendControlBytes = 24;

    private readonly Socket _socket;
    private readonly byte[] _receiveControl = GC.AllocateArray<byte>(ControlBytes, pinned: true);
    private readonly byte[] _errorControl = GC.AllocateArray<byte>(ControlBytes, pinned: true);
    private readonly byte[] _sendControl = GC.AllocateArray<byte>(SendControlBytes, pinned: true);

    private StampedSocket(Socket socket)
    {
        _socket = socket;
        var header = _sendControl.AsSpan();
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(header, TimestampCmsg.HeaderBytes + 4);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header[8..], SocketOptionNumbers.SolSocket);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header[12..], SocketOptionNumbers.SoTimestamping);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header[16..], TxSoftware);
    }

    /// <summary>Error-queue entries read that were not the stamp asked for (an older send's, or another kind).</summary>
    public long StrayErrorEntries { get; private set; }

    /// <summary>
    /// Turns stamping on for a connected socket (TCP needs it connected: OPT_ID counts from the send
    /// sequence at this moment). Throws <see cref="SocketException"/> when the kernel refuses.
    /// </summary>
    public static StampedSocket Enable(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> flags = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(flags, SocketFlags);
        socket.SetRawSocketOption(SocketOptionNumbers.SolSocket, SocketOptionNumbers.SoTimestamping, flags);
        return new StampedSocket(socket);
    }

    /// <summary>CLOCK_REALTIME in ns since the epoch: the clock the kernel's software stamps use.</summary>
    public static long RealtimeNs()
    {
        Libc.Timespec now;
        Libc.ClockGetTime(ClockRealtime, &now);
        return (now.Seconds * 1_000_000_000L) + now.Nanoseconds;
    }

    /// <summary>sendmsg asking for a transmit stamp of this send; bytes sent, or -1 with <paramref name="errno"/>.</summary>
    public int Send(ReadOnlySpan<byte> data, out int errno)
    {
        fixed (byte* start = data)
        fixed (byte* control = _sendControl)
        {
            var iov = new IoVec { Base = start, Length = (nuint)data.Length };
            var message = new MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = SendControlBytes };
            nint sent = Libc.SendMsg(Fd, &message, MsgNoSignal);
            errno = sent < 0 ? Marshal.GetLastPInvokeError() : 0;
            return (int)sent;
        }
    }

    /// <summary>
    /// recvmsg with the control buffer: bytes read (0 at end of stream), or -1 with <paramref name="errno"/>;
    /// <paramref name="stampNs"/> is the software receive stamp, 0 when the kernel gave none.
    /// </summary>
    public int Receive(Span<byte> buffer, out long stampNs, out int errno)
    {
        fixed (byte* start = buffer)
        fixed (byte* control = _receiveControl)
        {
            var iov = new IoVec { Base = start, Length = (nuint)buffer.Length };
            var message = new MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlBytes };
            nint received = Libc.RecvMsg(Fd, &message, 0);
            if (received < 0)
            {
                errno = Marshal.GetLastPInvokeError();
                stampNs = 0;
                return -1;
            }

            errno = 0;
            TimestampCmsg.TryReadReceiveStamp(_receiveControl.AsSpan(0, (int)message.ControlLength), out stampNs);
            return (int)received;
        }
    }

    /// <summary>
    /// Reads the error queue without waiting until the transmit stamp with OPT_ID <paramref name="key"/>
    /// turns up (or, with <paramref name="orLater"/>, a later key: a datagram counter that moved without
    /// us, e.g. after a failed send); entries before it are counted in <see cref="StrayErrorEntries"/> and
    /// dropped. False when the queue holds no such stamp (yet, or ever: a kernel that stamps nothing).
    /// </summary>
    public bool TryReadTransmit(uint key, bool orLater, out long stampNs, out uint found)
    {
        fixed (byte* control = _errorControl)
        {
            while (true)
            {
                var message = new MsgHdr { Control = control, ControlLength = ControlBytes };
                if (Libc.RecvMsg(Fd, &message, Libc.MsgErrQueue | Libc.MsgDontWait) < 0)
                {
                    (stampNs, found) = (0, 0);
                    return false;
                }

                // OPT_ID keys are u32 and wrap: "later" is a positive signed distance.
                if (TimestampCmsg.TryReadTransmitStamp(_errorControl.AsSpan(0, (int)message.ControlLength), out stampNs, out found)
                    && (found == key || (orLater && unchecked((int)(found - key)) > 0)))
                {
                    return true;
                }

                StrayErrorEntries++;
            }
        }
    }

    private int Fd => (int)_socket.SafeHandle.DangerousGetHandle();
}
