using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace LoopBench.Core.Interop;

/// <summary>
/// The arrays one sendmmsg/recvmmsg flow end reuses for every call: mmsghdr entries, one iovec each,
/// one contiguous data buffer (entry i owns <see cref="EntryBytes"/> bytes at i × that), and an
/// optional control area per entry (UDP_GRO). All pinned and wired once, so a call allocates
/// nothing and moves no pointer; between calls the entries are reset in place. One thread per batch.
/// </summary>
internal sealed unsafe class MessageBatch
{
    private readonly MMsgHdr[] _entries;
    private readonly IoVec[] _iov;
    private readonly byte[] _data;
    private readonly byte[] _control;
    private readonly MMsgHdr* _entriesPointer;

    // Entries the last receive may have written (the kernel touches only those it filled): the next
    // receive resets just these, so a spinning receiver of a large batch does not rewrite every entry.
    private int _touched;

    /// <param name="entries">Messages per call, 1 or more.</param>
    /// <param name="entryBytes">Data bytes of each entry.</param>
    /// <param name="controlBytes">Control bytes of each entry (0: none).</param>
    public MessageBatch(int entries, int entryBytes, int controlBytes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(entryBytes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(controlBytes);
        Count = entries;
        EntryBytes = entryBytes;
        ControlBytes = controlBytes;
        _entries = GC.AllocateArray<MMsgHdr>(entries, pinned: true);
        _iov = GC.AllocateArray<IoVec>(entries, pinned: true);
        _data = GC.AllocateArray<byte>(checked(entries * entryBytes), pinned: true);
        _control = GC.AllocateArray<byte>(entries * controlBytes, pinned: true);
        _entriesPointer = (MMsgHdr*)Marshal.UnsafeAddrOfPinnedArrayElement(_entries, 0);
        var iov = (IoVec*)Marshal.UnsafeAddrOfPinnedArrayElement(_iov, 0);
        byte* data = (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_data, 0);
        byte* control = controlBytes > 0 ? (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_control, 0) : null;
        for (int i = 0; i < entries; i++)
        {
            iov[i] = new IoVec { Base = data + ((long)i * entryBytes), Length = (nuint)entryBytes };
            _entries[i].Header.Iov = iov + i;
            _entries[i].Header.IovLength = 1;
            _entries[i].Header.Control = control is null ? null : control + ((long)i * controlBytes);
            _entries[i].Header.ControlLength = (nuint)controlBytes;
        }
    }

    /// <summary>Entries (messages per call).</summary>
    public int Count { get; }

    /// <summary>Data bytes each entry holds.</summary>
    public int EntryBytes { get; }

    /// <summary>Control bytes each entry holds.</summary>
    public int ControlBytes { get; }

    /// <summary>The whole data buffer: entry i at i × <see cref="EntryBytes"/>.</summary>
    public Span<byte> Data => _data;

    /// <summary>Sets the bytes entry <paramref name="index"/> sends (at most <see cref="EntryBytes"/>).</summary>
    public void SetSendLength(int index, int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)bytes, (uint)EntryBytes);
        _iov[index].Length = (nuint)bytes;
    }

    /// <summary>The bytes entry <paramref name="index"/> sends.</summary>
    public int SendLength(int index) => (int)_iov[index].Length;

    /// <summary>Bytes the last call moved for entry <paramref name="index"/> (msg_len).</summary>
    public int Received(int index) => (int)_entries[index].Length;

    /// <summary>Entry <paramref name="index"/>'s received bytes.</summary>
    public ReadOnlySpan<byte> ReceivedData(int index) => _data.AsSpan(index * EntryBytes, Received(index));

    /// <summary>The control bytes the kernel wrote for entry <paramref name="index"/> (msg_controllen after the call).</summary>
    public ReadOnlySpan<byte> ReceivedControl(int index) =>
        _control.AsSpan(index * ControlBytes, (int)Math.Min(_entries[index].Header.ControlLength, (nuint)ControlBytes));

    /// <summary>What the kernel does on a receive, for fakes: entry <paramref name="index"/> got <paramref name="data"/> and <paramref name="control"/>.</summary>
    internal void FakeReceive(int index, ReadOnlySpan<byte> data, ReadOnlySpan<byte> control)
    {
        data.CopyTo(_data.AsSpan(index * EntryBytes, EntryBytes));
        control.CopyTo(_control.AsSpan(index * ControlBytes, ControlBytes));
        _entries[index].Length = (uint)data.Length;
        _entries[index].Header.ControlLength = (nuint)control.Length;
        _touched = Math.Max(_touched, index + 1);
    }

    /// <summary>Raw pointer to entry <paramref name="index"/>, for layout tests.</summary>
    internal MMsgHdr* Entry(int index) => _entriesPointer + index;

    /// <summary>
    /// sendmmsg of the first <paramref name="count"/> entries on <paramref name="socket"/> (connected).
    /// Returns the messages sent, or the negated errno (-9 once the socket is closed): errors are values.
    /// </summary>
    public int Send(Socket socket, int count, int flags = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)Count);
        return Call(socket, count, flags, send: true);
    }

    /// <summary>
    /// recvmmsg into every entry on <paramref name="socket"/>, after resetting the lengths the last
    /// call overwrote. Returns the messages received, or the negated errno (-11 at SO_RCVTIMEO or with
    /// MSG_DONTWAIT and nothing queued, -9 once the socket is closed).
    /// </summary>
    public int Receive(Socket socket, int flags)
    {
        for (int i = 0; i < _touched; i++)
        {
            _entries[i].Header.ControlLength = (nuint)ControlBytes;
            _entries[i].Header.Flags = 0;
            _entries[i].Length = 0;
        }

        int n = Call(socket, Count, flags, send: false);
        _touched = Math.Min(Count, Math.Max(n, 0) + 1); // and the entry a failed next read may have begun
        return n;
    }

    private int Call(Socket socket, int count, int flags, bool send)
    {
        // AddRef as Socket itself does: the runner stops workers by disposing sockets, and the fd
        // must not be closed (and reused) while this thread is inside the call.
        var handle = socket.SafeHandle;
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            int fd = (int)handle.DangerousGetHandle();
            int n = send
                ? Libc.SendMmsg(fd, _entriesPointer, (uint)count, flags)
                : Libc.RecvMmsg(fd, _entriesPointer, (uint)count, flags, null);
            return n >= 0 ? n : -Marshal.GetLastPInvokeError();
        }
        catch (ObjectDisposedException)
        {
            return -Libc.EBadF;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>The name a channel would give errno <paramref name="errno"/> (see DatagramHeader.IsTransient); allocates only for rare ones.</summary>
    public static string ErrorName(int errno) => errno switch
    {
        Libc.EAgain => "WouldBlock",
        Libc.EIntr => "Interrupted",
        Libc.ENoBufs => "NoBufferSpaceAvailable",
        Libc.EConnRefused => "ConnectionRefused",
        Libc.EBadF => "OperationAborted",
        _ => "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
