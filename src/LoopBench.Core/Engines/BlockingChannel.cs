using System.Net.Sockets;

namespace LoopBench.Core.Engines;

/// <summary>
/// Synchronous span-based Send/Receive on a blocking socket. Every call completes synchronously,
/// so a workload's <c>await</c> never yields and nothing is allocated per message.
/// </summary>
internal sealed class BlockingChannel : IChannel
{
    private readonly Socket _socket;

    public BlockingChannel(Socket socket)
    {
        _socket = socket;
        _socket.Blocking = true;
    }

    public EngineCounters Counters { get; } = new();

    public string? LastError { get; private set; }

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data)
    {
        Counters.SendCalls++;
        int sent = _socket.Send(data.Span, SocketFlags.None, out SocketError error);
        if (error != SocketError.Success)
        {
            return new ValueTask<int>(Fail(error));
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
        int received = _socket.Receive(buffer.Span, SocketFlags.None, out SocketError error);
        if (error != SocketError.Success)
        {
            return new ValueTask<int>(Fail(error));
        }

        Counters.SyncCompletions++;
        if (received > 0 && received < buffer.Length)
        {
            Counters.ShortReceives++;
        }

        return new ValueTask<int>(received);
    }

    public void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // the peer may already be gone; nothing left to tell it
        }
        catch (ObjectDisposedException)
        {
            // aborted
        }
    }

    public void Abort()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // already closed
        }

        _socket.Dispose();
    }

    public void Dispose() => _socket.Dispose();

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
