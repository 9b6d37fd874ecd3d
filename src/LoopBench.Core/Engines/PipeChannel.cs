using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Pipelines.Sockets.Unofficial;

namespace LoopBench.Core.Engines;

/// <summary>
/// The <see cref="IChannel"/> adapter over a <see cref="SocketConnection"/>'s pipes. A send copies
/// the message into <c>Output</c> and flushes (waiting out back-pressure); a receive copies what
/// <c>Input</c> holds, up to the buffer, and advances past it. The counters count pipe operations
/// and how they completed; the socket calls PSU makes underneath are its own business and are not
/// visible here (PSU exposes only byte totals).
/// </summary>
internal sealed class PipeChannel : IChannel
{
    private readonly SocketConnection _connection;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;

    public PipeChannel(SocketConnection connection)
    {
        _connection = connection;
        _input = connection.Input;
        _output = connection.Output;
    }

    public EngineCounters Counters { get; } = new();

    public string? LastError { get; private set; }

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data) => Send(data, copy: true);

    /// <summary>Advances the writer over its own segments without copying: a pipe's pooled segments are its send buffers.</summary>
    public ValueTask<int> SendFillerAsync(ReadOnlyMemory<byte> data) => Send(data, copy: false);

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer) => Receive(buffer, copy: true);

    /// <summary>Consumes the bytes where PSU's receive loop put them, instead of copying them out.</summary>
    public ValueTask<int> DiscardAsync(Memory<byte> scratch) => Receive(scratch, copy: false);

    public void ShutdownSend()
    {
        // Completing the writer ends PSU's send loop, which then shuts the socket's send side down.
        try
        {
            _output.Complete();
        }
        catch (InvalidOperationException)
        {
            // already completed
        }
    }

    public void Abort()
    {
        _connection.Dispose();
        SocketClose.Abort(_connection.Socket);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _connection.Socket.Dispose();
    }

    private static bool IsPipeFailure(Exception ex) =>
        ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException;

    private ValueTask<int> Send(ReadOnlyMemory<byte> data, bool copy)
    {
        Counters.SendCalls++;
        ValueTask<FlushResult> pending;
        try
        {
            if (copy)
            {
                _output.Write(data.Span);
            }
            else
            {
                for (int left = data.Length; left > 0;)
                {
                    int taken = Math.Min(_output.GetMemory(1).Length, left);
                    _output.Advance(taken);
                    left -= taken;
                }
            }

            pending = _output.FlushAsync();
        }
        catch (Exception ex) when (IsPipeFailure(ex))
        {
            return new ValueTask<int>(Fail(ex));
        }

        if (pending.IsCompletedSuccessfully)
        {
            Counters.SyncCompletions++;
            return new ValueTask<int>(pending.Result.IsCompleted ? Fail("peer stopped reading") : data.Length);
        }

        return AwaitFlushAsync(pending, data.Length);
    }

    private ValueTask<int> Receive(Memory<byte> buffer, bool copy)
    {
        Counters.ReceiveCalls++;
        ValueTask<ReadResult> pending;
        try
        {
            pending = _input.ReadAsync();
        }
        catch (Exception ex) when (IsPipeFailure(ex))
        {
            return new ValueTask<int>(Fail(ex));
        }

        if (pending.IsCompletedSuccessfully)
        {
            Counters.SyncCompletions++;
            return new ValueTask<int>(Take(pending.Result, buffer, copy));
        }

        return AwaitReadAsync(pending, buffer, copy);
    }

    private int Take(ReadResult result, Memory<byte> buffer, bool copy)
    {
        var available = result.Buffer;
        if (available.IsEmpty)
        {
            _input.AdvanceTo(available.End);
            return result.IsCompleted ? 0 : Fail("empty read from the pipe");
        }

        int taken = (int)Math.Min(available.Length, buffer.Length);
        if (copy)
        {
            available.Slice(0, taken).CopyTo(buffer.Span);
        }

        _input.AdvanceTo(available.GetPosition(taken));
        if (taken < buffer.Length)
        {
            Counters.ShortReceives++;
        }

        return taken;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitFlushAsync(ValueTask<FlushResult> pending, int length)
    {
        try
        {
            var result = await pending;
            Counters.AsyncCompletions++;
            return result.IsCompleted ? Fail("peer stopped reading") : length;
        }
        catch (Exception ex) when (IsPipeFailure(ex))
        {
            return Fail(ex);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitReadAsync(ValueTask<ReadResult> pending, Memory<byte> buffer, bool copy)
    {
        try
        {
            var result = await pending;
            Counters.AsyncCompletions++;
            return Take(result, buffer, copy);
        }
        catch (Exception ex) when (IsPipeFailure(ex))
        {
            return Fail(ex);
        }
    }

    private int Fail(Exception ex) => Fail((ex.InnerException ?? ex) is System.Net.Sockets.SocketException se ? se.SocketErrorCode.ToString() : ex.GetType().Name);

    private int Fail(string reason)
    {
        LastError = reason; // error path only
        return -1;
    }
}
