namespace LoopBench.Core.Engines;

/// <summary>
/// One end of a connection as a workload sees it. Workloads are written once against this, as
/// <c>async ValueTask</c> loops: on the blocking engine every call completes synchronously on a
/// dedicated thread (no state-machine box, no allocation); an async engine completes them later.
/// </summary>
/// <remarks>
/// Errors on the hot path are values: a negative return means the call failed, and
/// <see cref="LastError"/> says why. Exceptions are for setup only.
/// </remarks>
internal interface IChannel : IDisposable
{
    /// <summary>Sends some of <paramref name="data"/>; returns the bytes sent, or -1 on error.</summary>
    ValueTask<int> SendAsync(ReadOnlyMemory<byte> data);

    /// <summary>Receives into <paramref name="buffer"/>; returns the bytes read, 0 at end of stream, -1 on error.</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer);

    /// <summary>
    /// Sends some of a payload whose contents do not matter to the caller (a stream's filler).
    /// Defaults to <see cref="SendAsync"/>; a channel that writes into memory of its own (a pipe)
    /// may send its buffer's bytes as they are instead of copying <paramref name="data"/> in, as
    /// the blocking engine sends its one prefilled array without refilling it.
    /// </summary>
    ValueTask<int> SendFillerAsync(ReadOnlyMemory<byte> data) => SendAsync(data);

    /// <summary>
    /// Receives up to <paramref name="scratch"/>'s length of bytes that the caller will not read.
    /// Defaults to <see cref="ReceiveAsync"/> into the scratch buffer; a channel that already holds
    /// the bytes in memory of its own (a pipe) consumes them there instead of copying them out.
    /// </summary>
    ValueTask<int> DiscardAsync(Memory<byte> scratch) => ReceiveAsync(scratch);

    /// <summary>
    /// A one-way (bulk) receiver's read that keeps the bytes, as a datagram receiver reads its
    /// headers. Defaults to <see cref="ReceiveAsync"/>; a channel may first poll without blocking
    /// (the blocking engine's receive spin). Request/response never calls it, so its timing never spins.
    /// </summary>
    ValueTask<int> ReceiveBulkAsync(Memory<byte> buffer) => ReceiveAsync(buffer);

    /// <summary>Half-closes the sending direction so that the peer sees end of stream.</summary>
    void ShutdownSend();

    /// <summary>Closes the socket at once, unblocking any pending call (used on timeout or cancel).</summary>
    void Abort();

    /// <summary>What the last failed call reported, e.g. "ConnectionReset".</summary>
    string? LastError { get; }

    /// <summary>What the engine did, not only what it moved.</summary>
    EngineCounters Counters { get; }
}
