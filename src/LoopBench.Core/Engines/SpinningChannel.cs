using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Engines;

/// <summary>
/// Spin mode (issue 20): every send and receive polls the socket with MSG_DONTWAIT until it
/// completes, so the thread never sleeps and a round trip pays no wake-up. The socket stays in
/// blocking mode (shutdown and close behave as on <see cref="BlockingChannel"/>); only the flag
/// makes each call non-blocking. SO_RCVTIMEO is emulated: the receive loop reads the clock every
/// <see cref="PollsPerClockCheck"/> polls and fails with "TimedOut" past the socket's timeout, as a
/// blocking receive would, which datagram rr's loss timeout and idle servers rely on.
/// </summary>
internal sealed class SpinningChannel : IChannel
{
    /// <summary>Polls between clock reads: a poll costs ~0.2–1 µs, so a timeout overshoots by at most tens of µs.</summary>
    internal const int PollsPerClockCheck = 64;

    private readonly Socket _socket;
    private readonly SafeSocketHandle _handle;
    private readonly int _fd;
    private readonly long _receiveTimeoutTicks;
    private volatile bool _aborted;

    /// <param name="socket">The connected socket; its SO_RCVTIMEO, read now, bounds each receive (0: none).</param>
    public SpinningChannel(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _socket = socket;
        _socket.Blocking = true;
        _handle = socket.SafeHandle;
        _fd = (int)_handle.DangerousGetHandle();
        _receiveTimeoutTicks = socket.ReceiveTimeout > 0 ? socket.ReceiveTimeout * Stopwatch.Frequency / 1000 : 0;
    }

    public EngineCounters Counters { get; } = new();

    public string? LastError { get; private set; }

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data) => new(Send(data.Span));

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer) => new(Receive(buffer.Span));

    // AggressiveOptimization: the poll loops run for the whole window; full JIT at once keeps
    // tiering and OSR out of the repetitions, at the cost of dynamic PGO.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe int Send(ReadOnlySpan<byte> data)
    {
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added); // the fd stays ours until the loop ends, even if Abort closes the socket
            fixed (byte* start = data)
            {
                while (!_aborted)
                {
                    Counters.SendCalls++;
                    nint n = Libc.Send(_fd, start, (nuint)data.Length, Libc.MsgDontWait | Libc.MsgNoSignal);
                    if (n >= 0)
                    {
                        Counters.SyncCompletions++;
                        if (n < data.Length)
                        {
                            Counters.ShortSends++;
                        }

                        return (int)n;
                    }

                    int errno = Marshal.GetLastPInvokeError();
                    if (errno is not Libc.EAgain and not Libc.EIntr)
                    {
                        return Fail(errno);
                    }
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // closed before the call: an abort
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }

        return Aborted();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe int Receive(Span<byte> buffer)
    {
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            long deadline = 0;
            int polls = 0;
            fixed (byte* start = buffer)
            {
                while (!_aborted)
                {
                    Counters.ReceiveCalls++;
                    nint n = Libc.Recv(_fd, start, (nuint)buffer.Length, Libc.MsgDontWait);
                    if (n == 0 && _aborted)
                    {
                        break; // Abort's own shutdown, between the flag's check and the call: not the peer's end of stream
                    }

                    if (n >= 0)
                    {
                        Counters.SyncCompletions++;
                        if (n > 0 && n < buffer.Length)
                        {
                            Counters.ShortReceives++;
                        }

                        return (int)n;
                    }

                    int errno = Marshal.GetLastPInvokeError();
                    if (errno is not Libc.EAgain and not Libc.EIntr)
                    {
                        return Fail(errno);
                    }

                    if (_receiveTimeoutTicks > 0 && ++polls % PollsPerClockCheck == 0)
                    {
                        long now = Stopwatch.GetTimestamp();
                        if (deadline == 0)
                        {
                            // the deadline counts from the first check: at most PollsPerClockCheck polls late
                            deadline = now + _receiveTimeoutTicks;
                        }
                        else if (now >= deadline)
                        {
                            LastError = "TimedOut";
                            return -1;
                        }
                    }
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // closed before the call: an abort
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }

        return Aborted();
    }

    public void ShutdownSend() => SocketClose.ShutdownSend(_socket);

    /// <summary>Stops a spinning call (it checks the flag each poll), then closes the socket.</summary>
    public void Abort()
    {
        _aborted = true;
        SocketClose.Abort(_socket);
    }

    public void Dispose()
    {
        // a poll loop holds a reference on the handle, and Dispose waits for it: stop the loop first
        _aborted = true;
        _socket.Dispose();
    }

    private int Aborted()
    {
        LastError = "OperationAborted";
        return -1;
    }

    /// <summary>A call's error; after Abort's shutdown (EPIPE, ENOTCONN) the error is the abort's.</summary>
    private int Fail(int errno)
    {
        if (_aborted)
        {
            return Aborted();
        }

        LastError = SocketCalls.ErrorName(errno);
        return -1;
    }
}
