using System.Runtime.InteropServices;

namespace LoopBench.Core.Engines;

/// <summary>
/// Per-channel operation counts over the whole run (warm-up included): socket calls, how they
/// completed, and how many sends or receives moved fewer bytes than asked. Plain fields: one writer
/// (the channel's worker; on async engines one loop at a time, handing over through the awaited
/// operation, which orders the writes), read after the worker has stopped. Padded so two channels'
/// counters never share a line.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal sealed class EngineCounters
{
    /// <summary>send(2)-level calls made (pipelines: writes into the pipe, each followed by a flush).</summary>
    [FieldOffset(64)]
    public long SendCalls;

    /// <summary>recv(2)-level calls made (pipelines: reads from the pipe).</summary>
    [FieldOffset(72)]
    public long ReceiveCalls;

    /// <summary>Sends that moved fewer bytes than offered.</summary>
    [FieldOffset(80)]
    public long ShortSends;

    /// <summary>Calls that completed synchronously.</summary>
    [FieldOffset(88)]
    public long SyncCompletions;

    /// <summary>Calls that completed asynchronously (always 0 on the blocking engine).</summary>
    [FieldOffset(96)]
    public long AsyncCompletions;

    /// <summary>Receives that returned fewer bytes than the buffer offered (end of stream excluded).</summary>
    [FieldOffset(104)]
    public long ShortReceives;

    /// <summary>Stream receives that a non-blocking spin answered (blocking engine with a receive spin).</summary>
    [FieldOffset(112)]
    public long SpinHits;

    /// <summary>Stream receives whose spin found no data, so the receiver blocked.</summary>
    [FieldOffset(120)]
    public long SpinMisses;

    /// <summary>SO_RCVLOWAT as read back after a one-way TCP receiver set it (<see cref="ReceiveLowatChannel"/>); 0 where none was set.</summary>
    [FieldOffset(128)]
    public int ReceiveLowatBytes;
}
