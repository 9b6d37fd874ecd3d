using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace LoopBench.Core.Engines;

/// <summary>
/// Socket ValueTask overloads. A call that completes at once returns a plain value (no await, no
/// box); one that pends is awaited in a pooled state machine
/// (<see cref="PoolingAsyncValueTaskMethodBuilder{TResult}"/>), so the steady state allocates
/// nothing: the socket reuses one cached awaitable per direction.
/// </summary>
internal sealed class AsyncChannel : IChannel
{
    private readonly Socket _socket;

    public AsyncChannel(Socket socket) => _socket = socket;

    public EngineCounters Counters { get; } = new();

    public string? LastError { get; private set; }

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data)
    {
        Counters.SendCalls++;
        ValueTask<int> pending;
        try
        {
            pending = _socket.SendAsync(data, SocketFlags.None);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return new ValueTask<int>(Fail(ex));
        }

        if (pending.IsCompletedSuccessfully)
        {
            Counters.SyncCompletions++;
            return new ValueTask<int>(CountSend(pending.Result, data.Length));
        }

        return AwaitSendAsync(pending, data.Length);
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer)
    {
        Counters.ReceiveCalls++;
        ValueTask<int> pending;
        try
        {
            pending = _socket.ReceiveAsync(buffer, SocketFlags.None);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return new ValueTask<int>(Fail(ex));
        }

        if (pending.IsCompletedSuccessfully)
        {
            Counters.SyncCompletions++;
            return new ValueTask<int>(CountReceive(pending.Result, buffer.Length));
        }

        return AwaitReceiveAsync(pending, buffer.Length);
    }

    public void ShutdownSend() => SocketClose.ShutdownSend(_socket);

    public void Abort() => SocketClose.Abort(_socket);

    public void Dispose() => _socket.Dispose();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitSendAsync(ValueTask<int> pending, int offered)
    {
        try
        {
            int sent = await pending;
            Counters.AsyncCompletions++;
            return CountSend(sent, offered);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return Fail(ex);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitReceiveAsync(ValueTask<int> pending, int offered)
    {
        try
        {
            int received = await pending;
            Counters.AsyncCompletions++;
            return CountReceive(received, offered);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return Fail(ex);
        }
    }

    private int CountSend(int sent, int offered)
    {
        if (sent < offered)
        {
            Counters.ShortSends++;
        }

        return sent;
    }

    private int CountReceive(int received, int offered)
    {
        if (received > 0 && received < offered)
        {
            Counters.ShortReceives++;
        }

        return received;
    }

    private int Fail(Exception ex)
    {
        LastError = ex is SocketException se ? se.SocketErrorCode.ToString() : ex.GetType().Name; // error path only
        return -1;
    }
}
