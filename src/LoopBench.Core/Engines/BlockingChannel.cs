using System.Net.Sockets;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Engines;

/// <summary>
/// Synchronous send/recv on a blocking socket: plain libc calls on the fd (<see cref="SocketCalls"/>),
/// or Socket's own where .NET has left the fd non-blocking. Every call completes synchronously,
/// so a workload's <c>await</c> never yields and nothing is allocated per message.
/// </summary>
internal sealed class BlockingChannel : IChannel
{
    private readonly Socket _socket;
    private readonly SafeSocketHandle _handle;
    private readonly bool _fdBlocks;
    private readonly int _receiveSpinTries;

    /// <param name="socket">The connected socket; set to blocking.</param>
    /// <param name="receiveSpinTries">
    /// Non-blocking recv calls a one-way receiver makes before it blocks (0: block at once). A receiver
    /// that sleeps whenever it drains the queue leaves the sender's CPU to run the wake-up and the
    /// whole receive path; one that spins a few calls first stays awake while data keeps arriving,
    /// as iperf3's select loop does (docs/defaults.md has the measurements).
    /// </param>
    public BlockingChannel(Socket socket, int receiveSpinTries = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(receiveSpinTries);
        _socket = socket;
        _socket.Blocking = true;
        _handle = socket.SafeHandle;
        _fdBlocks = SocketCalls.FdBlocks(socket);
        _receiveSpinTries = receiveSpinTries;
    }

    public EngineCounters Counters { get; } = new();

    /// <summary>The receive spin budget, for loops that read the socket past the channel (batched datagrams).</summary>
    public int ReceiveSpinTries => _receiveSpinTries;

    public string? LastError { get; private set; }

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data)
    {
        Counters.SendCalls++;
        int sent = _fdBlocks ? RawSend(data.Span) : ManagedSend(data.Span);
        if (sent < 0)
        {
            return new ValueTask<int>(-1);
        }

        Counters.SyncCompletions++;
        if (sent < data.Length)
        {
            Counters.ShortSends++;
        }

        return new ValueTask<int>(sent);
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer)
    {
        Counters.ReceiveCalls++;
        int received = _fdBlocks ? RawReceive(buffer.Span) : ManagedReceive(buffer.Span);
        if (received < 0)
        {
            return new ValueTask<int>(-1);
        }

        Counters.SyncCompletions++;
        if (received > 0 && received < buffer.Length)
        {
            Counters.ShortReceives++;
        }

        return new ValueTask<int>(received);
    }

    private int RawSend(ReadOnlySpan<byte> data)
    {
        int sent = SocketCalls.Send(_handle, data, 0, out int errno);
        return sent >= 0 ? sent : FailErrno(errno);
    }

    private int RawReceive(Span<byte> buffer)
    {
        int received = SocketCalls.Receive(_handle, buffer, 0, out int errno);
        return received >= 0 ? received : FailErrno(errno);
    }

    private int ManagedSend(ReadOnlySpan<byte> data)
    {
        int sent = _socket.Send(data, SocketFlags.None, out SocketError error);
        return error == SocketError.Success ? sent : Fail(error);
    }

    private int ManagedReceive(Span<byte> buffer)
    {
        int received = _socket.Receive(buffer, SocketFlags.None, out SocketError error);
        return error == SocketError.Success ? received : Fail(error);
    }

    /// <summary>A byte stream's read: the same as a bulk receive, into scratch.</summary>
    public ValueTask<int> DiscardAsync(Memory<byte> scratch) => ReceiveBulkAsync(scratch);

    /// <summary>
    /// A one-way receiver's read: up to the spin budget of MSG_DONTWAIT calls, then the blocking
    /// receive. Only one-way receivers call it, so request/response timing never spins.
    /// </summary>
    public ValueTask<int> ReceiveBulkAsync(Memory<byte> buffer)
    {
        if (_receiveSpinTries > 0 && TrySpinReceive(buffer.Span, out int received))
        {
            return new ValueTask<int>(received);
        }

        return ReceiveAsync(buffer);
    }

    private bool TrySpinReceive(Span<byte> buffer, out int received)
    {
        for (int i = 0; i < _receiveSpinTries; i++)
        {
            Counters.ReceiveCalls++;
            int n = SocketCalls.Receive(_handle, buffer, Libc.MsgDontWait, out int errno);
            if (n >= 0)
            {
                Counters.SyncCompletions++;
                Counters.SpinHits++;
                if (n > 0 && n < buffer.Length)
                {
                    Counters.ShortReceives++;
                }

                received = n;
                return true;
            }

            if (errno != Libc.EAgain)
            {
                break; // the blocking receive reports the error in the channel's own terms
            }
        }

        Counters.SpinMisses++;
        received = 0;
        return false;
    }

    public void ShutdownSend() => SocketClose.ShutdownSend(_socket);

    public void Abort()
    {
        SocketClose.Abort(_socket);
    }

    public void Dispose() => _socket.Dispose();

    // On a blocking fd EAGAIN means SO_RCVTIMEO or SO_SNDTIMEO ran out, which Socket reports as TimedOut.
    private int FailErrno(int errno) => errno == Libc.EAgain ? Fail(SocketError.TimedOut) : FailNamed(SocketCalls.ErrorName(errno));

    private int FailNamed(string name)
    {
        LastError = name;
        return -1;
    }

    private int Fail(SocketError error)
    {
        // Datagram loops meet these on their normal path (idle timeouts, ENOBUFS): name them without boxing.
        LastError = error switch
        {
            SocketError.WouldBlock => "WouldBlock",
            SocketError.TimedOut => "TimedOut",
            SocketError.NoBufferSpaceAvailable => "NoBufferSpaceAvailable",
            SocketError.Interrupted => "Interrupted",
            SocketError.ConnectionRefused => "ConnectionRefused",
            _ => error.ToString(), // other errors end the loop: allocated once
        };
        return -1;
    }
}
