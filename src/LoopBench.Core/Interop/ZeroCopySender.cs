using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static LoopBench.Core.Interop.SocketOptionNumbers;

namespace LoopBench.Core.Interop;

/// <summary>
/// MSG_ZEROCOPY for one TCP stream sender: sendmsg with the flag, and completions read from the
/// error queue with recvmsg(MSG_ERRQUEUE). .NET rejects both flags, hence P/Invoke. One instance per
/// sending socket, made before the window; <see cref="Send"/> and <see cref="DrainCompletions"/>
/// allocate nothing. Counters are plain fields of the one sending thread (STYLE §7.3).
/// </summary>
/// <remarks>
/// The kernel pins the pages of each send until its completion arrives, so the buffer must not
/// move or change meanwhile: allocate it with <c>GC.AllocateArray&lt;byte&gt;(n, pinned: true)</c>
/// and fill it once. On loopback the receiving side cannot keep borrowed user pages, so the kernel
/// copies them at delivery (skb_orphan_frags_rx) and marks the completion with
/// SO_EE_CODE_ZEROCOPY_COPIED; <see cref="CopiedSends"/> reports that instead of hiding it.
/// </remarks>
internal sealed unsafe class ZeroCopySender
{
    private const byte SoEeOriginZeroCopy = 5;
    private const byte SoEeCodeZeroCopyCopied = 1;
    private const int ErrnoAgain = 11;
    private const int ErrnoNoBufs = 105;
    private const int ErrnoBadFd = 9;

    // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } then data, 8-aligned (LP64).
    private const int CmsgHeaderBytes = 16;

    // Room for a few cmsgs; the kernel coalesces completions into ranges, one cmsg per recvmsg.
    private const int ControlBytes = 128;

    private readonly Socket _socket;

    private ZeroCopySender(Socket socket) => _socket = socket;

    /// <summary>sendmsg calls that queued bytes.</summary>
    public long Sends { get; private set; }

    /// <summary>Bytes queued by those calls.</summary>
    public long SentBytes { get; private set; }

    /// <summary>Error-queue notifications read (each covers a range of sends).</summary>
    public long Notifications { get; private set; }

    /// <summary>Sends whose completion arrived.</summary>
    public long CompletedSends { get; private set; }

    /// <summary>Completed sends the kernel flagged SO_EE_CODE_ZEROCOPY_COPIED: it copied after all.</summary>
    public long CopiedSends { get; private set; }

    /// <summary>ENOBUFS: too many sends pending against net.core.optmem_max; drain and retry.</summary>
    public long NoBufferErrors { get; private set; }

    /// <summary>Sends still waiting for their completion.</summary>
    public long PendingSends => Sends - CompletedSends;

    /// <summary>Sets SO_ZEROCOPY on a connected TCP socket and returns its sender.</summary>
    public static ZeroCopySender Enable(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.ProtocolType != ProtocolType.Tcp)
        {
            throw new ArgumentException($"MSG_ZEROCOPY here is for TCP stream senders, not {socket.ProtocolType}", nameof(socket));
        }

        Span<byte> one = stackalloc byte[4];
        BitConverter.TryWriteBytes(one, 1);
        socket.SetRawSocketOption(SolSocket, SoZeroCopy, one);
        return new ZeroCopySender(socket);
    }

    /// <summary>
    /// sendmsg(MSG_ZEROCOPY) of <paramref name="data"/> (from a pinned buffer). Returns the bytes
    /// queued, or the negated errno (-11 EAGAIN, -105 ENOBUFS, -32 EPIPE, -9 once the socket is
    /// disposed): errors are values here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Send(ReadOnlySpan<byte> data)
    {
        // AddRef like Socket itself does: the runner stops workers by disposing sockets, and the fd
        // must not be closed (and reused) while this thread is inside sendmsg.
        var handle = _socket.SafeHandle;
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            fixed (byte* p = data)
            {
                var iov = new IoVec { Base = p, Length = (nuint)data.Length };
                var message = new MsgHdr { Iov = &iov, IovLength = 1 };
                long sent = Libc.SendMsg((int)handle.DangerousGetHandle(), &message, Libc.MsgZeroCopy);
                if (sent < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == ErrnoNoBufs)
                    {
                        NoBufferErrors++;
                    }

                    return -errno;
                }

                Sends++;
                SentBytes += sent;
                return sent;
            }
        }
        catch (ObjectDisposedException)
        {
            return -ErrnoBadFd;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Reads every completion now on the error queue without blocking. Returns the number of sends
    /// completed by this call. Call it between sends (say every 64) and after the last one.
    /// </summary>
    public long DrainCompletions()
    {
        var handle = _socket.SafeHandle;
        bool added = false;
        byte* control = stackalloc byte[ControlBytes];
        long completed = 0;
        try
        {
            handle.DangerousAddRef(ref added);
            int fd = (int)handle.DangerousGetHandle();
            while (true)
            {
                var message = new MsgHdr { Control = control, ControlLength = ControlBytes };
                if (Libc.RecvMsg(fd, &message, Libc.MsgErrQueue | Libc.MsgDontWait) < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    return errno == ErrnoAgain ? completed : throw ErrQueueFailure(errno);
                }

                completed += ParseControl(control, (int)message.ControlLength);
            }
        }
        catch (ObjectDisposedException)
        {
            return completed; // closed: nothing more will complete
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Drains until every send completed or <paramref name="timeout"/> passed; true when none is pending.</summary>
    public bool WaitForCompletions(TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            DrainCompletions();
            if (PendingSends == 0)
            {
                return true;
            }

            if (Environment.TickCount64 >= deadline)
            {
                return false;
            }

            Thread.Sleep(1);
        }
    }

    private long ParseControl(byte* control, int length)
    {
        long completed = 0;
        int offset = 0;
        while (offset + CmsgHeaderBytes <= length)
        {
            long cmsgLength = *(long*)(control + offset);
            int level = *(int*)(control + offset + 8);
            int type = *(int*)(control + offset + 12);
            if (cmsgLength < CmsgHeaderBytes)
            {
                break;
            }

            if ((level == IpProtoIp && type == IpRecvErr) || (level == IpProtoIpv6 && type == Ipv6RecvErr))
            {
                // struct sock_extended_err { u32 ee_errno; u8 ee_origin, ee_type, ee_code, ee_pad; u32 ee_info; u32 ee_data; }
                byte* ee = control + offset + CmsgHeaderBytes;
                if (ee[4] == SoEeOriginZeroCopy)
                {
                    uint lo = *(uint*)(ee + 8);
                    uint hi = *(uint*)(ee + 12);
                    long range = (long)(uint)(hi - lo) + 1; // u32 counters wrap; the range is inclusive
                    Notifications++;
                    CompletedSends += range;
                    completed += range;
                    if ((ee[6] & SoEeCodeZeroCopyCopied) != 0)
                    {
                        CopiedSends += range;
                    }
                }
            }

            offset += (int)((cmsgLength + 7) & ~7L);
        }

        return completed;
    }

    private static InvalidOperationException ErrQueueFailure(int errno) =>
        new($"recvmsg(MSG_ERRQUEUE) failed: errno {errno}");
}
