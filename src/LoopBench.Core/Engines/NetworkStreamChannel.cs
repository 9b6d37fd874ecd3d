using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace LoopBench.Core.Engines;

/// <summary>
/// A <see cref="NetworkStream"/> that owns the socket. WriteAsync writes the whole buffer (one
/// logical send; the runtime loops on short sends inside), so a send here never comes back short.
/// Pending calls are awaited in pooled state machines, as in <see cref="AsyncChannel"/>.
/// </summary>
internal sealed class NetworkStreamChannel : IChannel
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    public NetworkStreamChannel(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public EngineCounters Counters { get; } = new();

    public string? LastError { get; private set; }

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data)
    {
        Counters.SendCalls++;
        ValueTask pending;
        try
        {
            pending = _stream.WriteAsync(data);
        }
        catch (Exception ex) when (IsIoFailure(ex))
        {
            return new ValueTask<int>(Fail(ex));
        }

        if (pending.IsCompletedSuccessfully)
        {
            Counters.SyncCompletions++;
            return new ValueTask<int>(data.Length);
        }

        return AwaitWriteAsync(pending, data.Length);
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer)
    {
        Counters.ReceiveCalls++;
        ValueTask<int> pending;
        try
        {
            pending = _stream.ReadAsync(buffer);
        }
        catch (Exception ex) when (IsIoFailure(ex))
        {
            return new ValueTask<int>(Fail(ex));
        }

        if (pending.IsCompletedSuccessfully)
        {
            Counters.SyncCompletions++;
            return new ValueTask<int>(CountReceive(pending.Result, buffer.Length));
        }

        return AwaitReadAsync(pending, buffer.Length);
    }

    public void ShutdownSend() => SocketClose.ShutdownSend(_socket);

    public void Abort()
    {
        SocketClose.Abort(_socket);
        _stream.Dispose();
    }

    public void Dispose() => _stream.Dispose();

    private static bool IsIoFailure(Exception ex) => ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitWriteAsync(ValueTask pending, int length)
    {
        try
        {
            await pending;
            Counters.AsyncCompletions++;
            return length;
        }
        catch (Exception ex) when (IsIoFailure(ex))
        {
            return Fail(ex);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitReadAsync(ValueTask<int> pending, int offered)
    {
        try
        {
            int received = await pending;
            Counters.AsyncCompletions++;
            return CountReceive(received, offered);
        }
        catch (Exception ex) when (IsIoFailure(ex))
        {
            return Fail(ex);
        }
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
        // error path only: unwrap NetworkStream's IOException to the socket error when there is one
        LastError = (ex.InnerException ?? ex) is SocketException se ? se.SocketErrorCode.ToString() : ex.GetType().Name;
        return -1;
    }
}
