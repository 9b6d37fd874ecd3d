using System.Runtime.InteropServices;

namespace LoopBench.Core.Interop;

/// <summary>
/// Socket and CPU-time calls .NET does not offer: sendmsg with MSG_ZEROCOPY, recvmsg with
/// MSG_ERRQUEUE (.NET rejects both flags), sendfile(2) and getrusage for one thread. Tests: Core/Interop.
/// </summary>
internal static unsafe partial class Libc
{
    /// <summary>MSG_DONTWAIT: this call only, without touching O_NONBLOCK.</summary>
    internal const int MsgDontWait = 0x40;

    /// <summary>MSG_ERRQUEUE: read the socket's error queue (zero-copy completions live there).</summary>
    internal const int MsgErrQueue = 0x2000;

    /// <summary>MSG_ZEROCOPY (include/linux/socket.h): pin the pages and notify on the error queue.</summary>
    internal const int MsgZeroCopy = 0x4000000;

    /// <summary>getrusage who: the whole process, all threads.</summary>
    internal const int RusageSelf = 0;

    /// <summary>getrusage who: the calling thread only (Linux 2.6.26+).</summary>
    internal const int RusageThread = 1;

    /// <summary>sendmsg(2). Returns bytes queued or -1 with errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "sendmsg", SetLastError = true)]
    internal static partial nint SendMsg(int fd, MsgHdr* message, int flags);

    /// <summary>recvmsg(2). Returns bytes read or -1 with errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "recvmsg", SetLastError = true)]
    internal static partial nint RecvMsg(int fd, MsgHdr* message, int flags);

    /// <summary>recv(2), for MSG_DONTWAIT on a blocking socket (.NET rejects the flag). Returns bytes read, 0 at end of stream, or -1 with errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "recv", SetLastError = true)]
    internal static partial nint Recv(int fd, byte* buffer, nuint length, int flags);

    /// <summary>EAGAIN / EWOULDBLOCK on Linux.</summary>
    internal const int EAgain = 11;

    /// <summary>send(2), for MSG_DONTWAIT on a blocking socket (spin mode). Returns bytes queued or -1 with errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "send", SetLastError = true)]
    internal static partial nint Send(int fd, byte* buffer, nuint length, int flags);

    /// <summary>MSG_NOSIGNAL: a send to a closed peer returns EPIPE instead of raising SIGPIPE.</summary>
    internal const int MsgNoSignal = 0x4000;

    /// <summary>EINTR: a signal interrupted the call; it is simply repeated.</summary>
    internal const int EIntr = 4;

    /// <summary>
    /// sendfile(2): up to <paramref name="count"/> bytes of <paramref name="inFd"/> from *<paramref name="offset"/>
    /// to <paramref name="outFd"/>, advancing *offset (not the file position). Returns bytes sent or -1 with errno.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "sendfile", SetLastError = true)]
    internal static partial nint SendFile(int outFd, int inFd, long* offset, nuint count);

    /// <summary>getrusage(2) with <see cref="RusageSelf"/> or <see cref="RusageThread"/>.</summary>
    [LibraryImport(LibraryName, EntryPoint = "getrusage", SetLastError = true)]
    internal static partial int GetRusage(int who, RUsage* usage);

    /// <summary>sysconf name _SC_CLK_TCK: the unit of /proc/*/stat times (USER_HZ).</summary>
    internal const int ScClkTck = 2;

    /// <summary>sysconf(3).</summary>
    [LibraryImport(LibraryName, EntryPoint = "sysconf", SetLastError = true)]
    internal static partial long SysConf(int name);
}

/// <summary>struct iovec (x86-64 / arm64 LP64 layout).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}

/// <summary>struct msghdr (LP64): the padding after msg_namelen is implied by sequential layout.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>struct rusage: two timevals then 14 longs we do not read (LP64: 144 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct RUsage
{
    public long UserSeconds;
    public long UserMicroseconds;
    public long SystemSeconds;
    public long SystemMicroseconds;
    public fixed long Rest[14];

    public readonly long UserUs => (UserSeconds * 1_000_000) + UserMicroseconds;

    public readonly long SystemUs => (SystemSeconds * 1_000_000) + SystemMicroseconds;
}
