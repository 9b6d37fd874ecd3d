using System.Runtime.InteropServices;

namespace LoopBench.Core.Workloads;

/// <summary>
/// One worker's in-window counts. Plain fields written only by the worker (no Interlocked), read by
/// the interval reporter with Volatile.Read. 64 bytes of padding on either
/// side keep a sender's and a receiver's counters off one cache line (and its adjacent-line prefetch).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal sealed class WorkerCounters
{
    /// <summary>Payload bytes whose operation completed inside the window.</summary>
    [FieldOffset(64)]
    public long Bytes;

    /// <summary>Send or receive calls completed inside the window.</summary>
    [FieldOffset(72)]
    public long Messages;

    /// <summary>Request/response transactions completed inside the window.</summary>
    [FieldOffset(80)]
    public long Transactions;

    /// <summary>TCP_QUICKACK re-arms after a receive (whole run, warm-up included): the knob's evidence.</summary>
    [FieldOffset(88)]
    public long QuickAckRearms;

    /// <summary>TCP_QUICKACK re-arms the kernel refused.</summary>
    [FieldOffset(96)]
    public long QuickAckRefused;

    /// <summary>A snapshot for the interval reporter.</summary>
    public (long Bytes, long Messages, long Transactions) Read() =>
        (Volatile.Read(ref Bytes), Volatile.Read(ref Messages), Volatile.Read(ref Transactions));
}
