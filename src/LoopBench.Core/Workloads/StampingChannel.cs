using LoopBench.Core.Engines;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Workloads;

/// <summary>
/// A blocking channel whose next send or receive, when armed, goes through <see cref="StampedSocket"/>
/// (sendmsg asking for a transmit stamp, recvmsg reading the receive stamp) with a CLOCK_REALTIME stamp
/// around the call; unarmed calls go to the inner channel as they are. Both reach the same blocking fd.
/// </summary>
internal sealed class StampingChannel : IChannel
{
    private const int ErrnoAgain = 11;
    private const int ErrnoInterrupted = 4;
    private const int ErrnoNoBufs = 105;
    private const int ErrnoConnRefused = 111;
    private const int ErrnoConnReset = 104;
    private const int ErrnoPipe = 32;

    private readonly IChannel _inner;
    private string? _error;

    public StampingChannel(IChannel inner, StampedSocket socket)
    {
        _inner = inner;
        Socket = socket;
    }

    /// <summary>The stamping socket, for the error-queue read.</summary>
    public StampedSocket Socket { get; }

    /// <summary>The next send asks for a transmit stamp and records <see cref="SendStartNs"/>; cleared by that send.</summary>
    public bool SendArmed { get; set; }

    /// <summary>Receives read stamps until disarmed (a TCP message may take several reads: the last one's stamp counts).</summary>
    public bool ReceiveArmed { get; set; }

    /// <summary>CLOCK_REALTIME just before the armed send.</summary>
    public long SendStartNs { get; private set; }

    /// <summary>The receive stamp of the last armed receive that carried one; 0 when none did.</summary>
    public long ReceiveStampNs { get; set; }

    /// <summary>CLOCK_REALTIME just after the last armed receive returned.</summary>
    public long ReceiveReturnedNs { get; private set; }

    public EngineCounters Counters => _inner.Counters;

    public string? LastError => _error ?? _inner.LastError;

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data)
    {
        _error = null;
        if (!SendArmed)
        {
            return _inner.SendAsync(data);
        }

        SendArmed = false;
        Counters.SendCalls++;
        SendStartNs = StampedSocket.RealtimeNs();
        int sent = Socket.Send(data.Span, out int errno);
        if (sent < 0)
        {
            return new ValueTask<int>(Fail(errno));
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
        _error = null;
        if (!ReceiveArmed)
        {
            return _inner.ReceiveAsync(buffer);
        }

        Counters.ReceiveCalls++;
        int received = Socket.Receive(buffer.Span, out long stampNs, out int errno);
        ReceiveReturnedNs = StampedSocket.RealtimeNs();
        if (received < 0)
        {
            return new ValueTask<int>(Fail(errno));
        }

        Counters.SyncCompletions++;
        if (received > 0 && received < buffer.Length)
        {
            Counters.ShortReceives++;
        }

        if (stampNs != 0)
        {
            ReceiveStampNs = stampNs;
        }

        return new ValueTask<int>(received);
    }

    public void ShutdownSend() => _inner.ShutdownSend();

    public void Abort() => _inner.Abort();

    public void Dispose() => _inner.Dispose();

    private int Fail(int errno)
    {
        // The names the blocking channel gives these, so the datagram loops' transient checks read them the same.
        _error = errno switch
        {
            ErrnoAgain => "TimedOut", // SO_RCVTIMEO expired on the blocking socket
            ErrnoInterrupted => "Interrupted",
            ErrnoNoBufs => "NoBufferSpaceAvailable",
            ErrnoConnRefused => "ConnectionRefused",
            ErrnoConnReset => "ConnectionReset",
            ErrnoPipe => "Shutdown",
            _ => "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture), // ends the loop: allocated once
        };
        return -1;
    }
}
