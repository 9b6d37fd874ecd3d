using System.Net.Sockets;
using LoopBench.Core.Interop;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Engines;

/// <summary>
/// A TCP channel whose one-way receiver sets SO_RCVLOWAT before its first read, on any engine: the
/// kernel then wakes the reader (a blocked recv, or the async engines' epoll wait) only once that
/// much is queued, and on loopback each wake-up is work done on the sender's CPU (docs/defaults.md).
/// Set on the first bulk read, not at open: an engine opens every channel of a case alike, and a
/// sender or a request/response end must keep waking per message. Every call passes through.
/// </summary>
internal sealed class ReceiveLowatChannel : IChannel
{
    private readonly IChannel _inner;
    private readonly Socket _socket;
    private int _pendingBytes;

    /// <param name="inner">The engine's channel, which owns <paramref name="socket"/>.</param>
    /// <param name="socket">The connected TCP socket.</param>
    /// <param name="lowatBytes">The mark to ask for; the kernel caps it at half the receive buffer.</param>
    public ReceiveLowatChannel(IChannel inner, Socket socket, int lowatBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lowatBytes);
        _inner = inner;
        _socket = socket;
        _pendingBytes = lowatBytes;
    }

    public EngineCounters Counters => _inner.Counters;

    public string? LastError => _inner.LastError;

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data) => _inner.SendAsync(data);

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer) => _inner.ReceiveAsync(buffer);

    public ValueTask<int> SendFillerAsync(ReadOnlyMemory<byte> data) => _inner.SendFillerAsync(data);

    public ValueTask<int> DiscardAsync(Memory<byte> scratch)
    {
        MarkOnce();
        return _inner.DiscardAsync(scratch);
    }

    public ValueTask<int> ReceiveBulkAsync(Memory<byte> buffer)
    {
        MarkOnce();
        return _inner.ReceiveBulkAsync(buffer);
    }

    public void ShutdownSend() => _inner.ShutdownSend();

    public void Abort() => _inner.Abort();

    public void Dispose() => _inner.Dispose();

    private void MarkOnce()
    {
        if (_pendingBytes == 0)
        {
            return;
        }

        Span<byte> value = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(value, _pendingBytes);
        _pendingBytes = 0;
        _socket.SetRawSocketOption(SocketOptionNumbers.SolSocket, SocketOptionNumbers.SoRcvLowat, value);
        Counters.ReceiveLowatBytes = (int)LinuxSocketOptions.ReadNumber(_socket, SocketOptionNumbers.SolSocket, SocketOptionNumbers.SoRcvLowat);
    }
}
