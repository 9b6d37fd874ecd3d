using System.Runtime.InteropServices;

namespace LoopBench.Core.Interop;

/// <summary>
/// sendmmsg(2) and recvmmsg(2): many datagrams per system call, which .NET's Socket does not offer.
/// Tests: Core/Interop/MessageBatchTests.
/// </summary>
internal static unsafe partial class Libc
{
    /// <summary>MSG_WAITFORONE: recvmmsg blocks for the first datagram only, then takes what is queued.</summary>
    internal const int MsgWaitForOne = 0x10000;

    /// <summary>EBADF: the socket was closed under the call (the runner stops workers so).</summary>
    internal const int EBadF = 9;

    /// <summary>ENOBUFS: a datagram send refused for now.</summary>
    internal const int ENoBufs = 105;

    /// <summary>ECONNREFUSED: a connected UDP socket's peer port had no listener (ICMP port unreachable).</summary>
    internal const int EConnRefused = 111;

    /// <summary>sendmmsg(2). Returns the number of messages sent (their msg_len set), or -1 with errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "sendmmsg", SetLastError = true)]
    internal static partial int SendMmsg(int fd, MMsgHdr* messages, uint count, int flags);

    /// <summary>recvmmsg(2) without a timeout. Returns the number of messages received, or -1 with errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "recvmmsg", SetLastError = true)]
    internal static partial int RecvMmsg(int fd, MMsgHdr* messages, uint count, int flags, Timespec* timeout);
}

/// <summary>struct mmsghdr (LP64): a msghdr (56 bytes) and the bytes the call moved for it; 64 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MMsgHdr
{
    public MsgHdr Header;
    public uint Length;
}
