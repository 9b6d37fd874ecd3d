using LoopBench.Core.Engines;

namespace LoopBench.Core.Workloads;

/// <summary>
/// The channel of a crr end: the connection of the moment, swapped for each transaction. Abort
/// closes the current connection and the listener (so a blocked accept or connect returns);
/// counters add up over every connection.
/// </summary>
internal sealed class ConnectionSlot(IDisposable? listener) : IChannel
{
    private volatile IChannel? _current;
    private volatile bool _aborted;

    public EngineCounters Counters { get; } = new();

    public string? LastError => _current?.LastError;

    public bool IsAborted => _aborted;

    public IChannel? Current => _current;

    public void Attach(IChannel channel) => _current = channel;

    /// <summary>Closes the current connection and folds its counts in.</summary>
    public void Release()
    {
        var channel = _current;
        if (channel is null)
        {
            return;
        }

        _current = null;
        Counters.SendCalls += channel.Counters.SendCalls;
        Counters.ReceiveCalls += channel.Counters.ReceiveCalls;
        Counters.ShortSends += channel.Counters.ShortSends;
        Counters.SyncCompletions += channel.Counters.SyncCompletions;
        Counters.AsyncCompletions += channel.Counters.AsyncCompletions;
        channel.Dispose();
    }

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data) => _current!.SendAsync(data);

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer) => _current!.ReceiveAsync(buffer);

    public void ShutdownSend() => _current?.ShutdownSend();

    public void Abort()
    {
        _aborted = true;
        _current?.Abort();
        listener?.Dispose();
    }

    public void Dispose() => Release();
}
