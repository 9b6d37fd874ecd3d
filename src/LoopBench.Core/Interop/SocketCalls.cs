using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace LoopBench.Core.Interop;

/// <summary>
/// send(2) and recv(2) straight on a socket's fd. <see cref="Socket.Receive(Span{byte}, SocketFlags, out SocketError)"/>
/// goes through recvmsg(2), whose msghdr and iovec copies (and their hardened-usercopy checks) cost
/// a 64-byte round trip about 4 % against sockperf's recv; the plain calls close that (docs/defaults.md).
/// Errors come back as errno, named as <see cref="SocketError"/> names them.
/// </summary>
internal static unsafe partial class SocketCalls
{
    private const int FGetFl = 3;
    private const int ONonBlock = 0x800; // x86-64 and arm64 (asm-generic/fcntl.h)

    [LibraryImport("libc.so.6", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int FcntlGet(int fd, int command);

    /// <summary>
    /// True when the fd itself blocks. .NET leaves O_NONBLOCK set for good once a socket has made an
    /// async call, and then only emulates blocking; a plain recv on such an fd would return EAGAIN at once.
    /// </summary>
    public static bool FdBlocks(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        bool added = false;
        var handle = socket.SafeHandle;
        try
        {
            handle.DangerousAddRef(ref added);
            int flags = FcntlGet((int)handle.DangerousGetHandle(), FGetFl);
            return flags >= 0 && (flags & ONonBlock) == 0;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>recv(2), repeated on EINTR. Returns bytes read (0 at end of stream) or -1 with <paramref name="errno"/>.</summary>
    public static int Receive(SafeSocketHandle handle, Span<byte> buffer, int flags, out int errno)
    {
        fixed (byte* start = buffer)
        {
            return Call(handle, &Libc.Recv, start, buffer.Length, flags, out errno);
        }
    }

    /// <summary>send(2) with MSG_NOSIGNAL, repeated on EINTR. Returns bytes queued or -1 with <paramref name="errno"/>.</summary>
    public static int Send(SafeSocketHandle handle, ReadOnlySpan<byte> data, int flags, out int errno)
    {
        fixed (byte* start = data)
        {
            return Call(handle, &Libc.Send, start, data.Length, flags | Libc.MsgNoSignal, out errno);
        }
    }

    private static int Call(SafeSocketHandle handle, delegate*<int, byte*, nuint, int, nint> call, byte* start, int length, int flags, out int errno)
    {
        ArgumentNullException.ThrowIfNull(handle);
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added); // a concurrent Dispose waits for the call instead of freeing the fd under it
            int fd = (int)handle.DangerousGetHandle();
            while (true)
            {
                nint n = call(fd, start, (nuint)length, flags);
                errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (errno != Libc.EIntr)
                {
                    return (int)n;
                }
            }
        }
        catch (ObjectDisposedException)
        {
            errno = EBadF;
            return -1;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>EBADF: the socket was closed (an abort).</summary>
    public const int EBadF = 9;

    /// <summary>
    /// The name <see cref="SocketError"/> gives an errno, so workloads read the raw calls' errors as
    /// the managed ones'. Common ones come from a table without allocating; others allocate once, when a loop ends.
    /// </summary>
    public static string ErrorName(int errno) => errno switch
    {
        Libc.EAgain => "WouldBlock",
        Libc.EIntr => "Interrupted",
        105 => "NoBufferSpaceAvailable", // ENOBUFS
        111 => "ConnectionRefused",
        104 => "ConnectionReset",
        32 => "Shutdown", // EPIPE
        107 => "NotConnected",
        90 => "MessageSize",
        103 => "ConnectionAborted",
        110 => "TimedOut",
        EBadF => "OperationAborted",
        _ => string.Create(CultureInfo.InvariantCulture, $"errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})"),
    };
}
