using System.Runtime.InteropServices;

namespace LoopBench.Core.Workloads;

/// <summary>
/// Sequence, pacing and blocking figures of one datagram-style end. Plain fields written by its
/// worker only, read after it stopped (the receiver's progress fields also by the interval
/// sampler, through <see cref="Volatile"/>); padded off its neighbours' cache lines.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal sealed class DatagramCounters
{
    /// <summary>Sender: datagrams sent successfully inside the window.</summary>
    [FieldOffset(64)]
    public long SentInWindow;

    /// <summary>Sender: first sequence number sent inside the window (-1 when none).</summary>
    [FieldOffset(72)]
    public long FirstSequence = -1;

    /// <summary>Sender: last sequence number sent inside the window.</summary>
    [FieldOffset(80)]
    public long LastSequence = -1;

    /// <summary>Receiver: distinct in-window datagrams received (drain included).</summary>
    [FieldOffset(88)]
    public long UniqueReceived;

    /// <summary>Receiver: datagrams received a second time.</summary>
    [FieldOffset(96)]
    public long Duplicates;

    /// <summary>Receiver: datagrams that arrived after one with a higher sequence.</summary>
    [FieldOffset(104)]
    public long OutOfOrder;

    /// <summary>Receiver: RFC 3550 interarrival jitter estimate, ns.</summary>
    [FieldOffset(112)]
    public double JitterNs;

    /// <summary>Sender: most datagrams sent at one wake-up.</summary>
    [FieldOffset(120)]
    public long MaxBurst;

    /// <summary>Sender: largest lateness of a wake-up behind its deadline, ns.</summary>
    [FieldOffset(128)]
    public long MaxLateNs;

    /// <summary>Sender: sends that blocked (took longer than the blocked threshold).</summary>
    [FieldOffset(136)]
    public long BlockedSends;

    /// <summary>Sender: time spent in sends that blocked, ns.</summary>
    [FieldOffset(144)]
    public long BlockedNs;

    /// <summary>Sender: sends refused for now (ENOBUFS, EAGAIN) and retried later.</summary>
    [FieldOffset(152)]
    public long SendErrors;

    /// <summary>rr client: requests whose response did not arrive within the timeout.</summary>
    [FieldOffset(160)]
    public long TimedOut;

    /// <summary>Receiver: stale responses (arrived after their timeout).</summary>
    [FieldOffset(168)]
    public long Late;

    /// <summary>Sender: total schedule lateness of wake-ups, ns (mean = / wake-ups).</summary>
    [FieldOffset(176)]
    public long LateNsTotal;

    /// <summary>Sender: paced wake-ups.</summary>
    [FieldOffset(184)]
    public long WakeUps;

    /// <summary>Receiver: the first in-window sequence number it saw (-1 before one); read while it runs.</summary>
    [FieldOffset(192)]
    public long FirstSeen = -1;

    /// <summary>Receiver: the highest in-window sequence number it saw (-1 before one); read while it runs.</summary>
    [FieldOffset(200)]
    public long HighestSeen = -1;
}
