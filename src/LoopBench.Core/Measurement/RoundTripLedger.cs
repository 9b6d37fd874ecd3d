namespace LoopBench.Core.Measurement;

/// <summary>
/// One flow's sampled round-trip stamps, shared by its two ends (both in one process): the client
/// writes its four stamps of sample k into slot k, the server its four; the two are joined after the
/// window (<see cref="RoundTripDecomposition"/>). Each end writes only its own fields, and the join
/// reads them after the workers stopped, so nothing is locked. A stamp of 0 means "none".
/// </summary>
internal sealed class RoundTripLedger
{
    /// <summary>Every 64th transaction is sampled: the stamps' extra syscalls stay out of the other 63.</summary>
    public const int DefaultSampleEvery = 64;

    /// <summary>Slots per flow: 8192 × 11 longs = 704 KiB, half a million transactions at 1 in 64.</summary>
    public const int DefaultCapacity = 8192;

    /// <summary>Longs per slot: t0..t7, the client's and the server's transaction id (+1; 0: unwritten), the client's own RTT.</summary>
    private const int Stride = 11;

    private const int ClientIdField = 8;
    private const int ServerIdField = 9;
    private const int RttField = 10;

    private readonly long[] _slots;

    public RoundTripLedger(int sampleEvery = DefaultSampleEvery, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleEvery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        SampleEvery = sampleEvery;
        Capacity = capacity;
        _slots = new long[capacity * Stride];
    }

    /// <summary>1 in how many transactions is stamped.</summary>
    public int SampleEvery { get; }

    /// <summary>How many samples fit; later ones are not taken.</summary>
    public int Capacity { get; }

    /// <summary>Samples the client completed inside the window and wrote.</summary>
    public long ClientSamples { get; private set; }

    /// <summary>Sampled transactions that came after the ledger was full.</summary>
    public long Overflowed { get; set; }

    /// <summary>The slot of transaction <paramref name="id"/> when it is sampled and fits; else -1.</summary>
    public int SlotOf(long id)
    {
        if (id < 0 || id % SampleEvery != 0)
        {
            return -1;
        }

        long slot = id / SampleEvery;
        return slot < Capacity ? (int)slot : -1;
    }

    /// <summary>
    /// The client's stamps of one sample: t0 before its send, t1 the request's transmit stamp, t6 the
    /// response's receive stamp, t7 its receive returned (all CLOCK_REALTIME ns), and the round trip its
    /// own monotonic clock measured.
    /// </summary>
    public void WriteClient(int slot, long id, long t0, long t1, long t6, long t7, long rttNs)
    {
        var s = _slots.AsSpan(slot * Stride, Stride);
        (s[0], s[1], s[6], s[7], s[ClientIdField], s[RttField]) = (t0, t1, t6, t7, id + 1, rttNs);
        ClientSamples++;
    }

    /// <summary>The server's stamps: t2 the request's receive stamp, t3 its receive returned, t4 before the response's send, t5 the response's transmit stamp.</summary>
    public void WriteServer(int slot, long id, long t2, long t3, long t4, long t5)
    {
        var s = _slots.AsSpan(slot * Stride, Stride);
        (s[2], s[3], s[4], s[5], s[ServerIdField]) = (t2, t3, t4, t5, id + 1);
    }

    /// <summary>Slot <paramref name="slot"/>: its eight stamps, both ends' ids (−1 when unwritten) and the client's RTT.</summary>
    public (long[] Stamps, long ClientId, long ServerId, long RttNs) Read(int slot)
    {
        var s = _slots.AsSpan(slot * Stride, Stride);
        return (s[..8].ToArray(), s[ClientIdField] - 1, s[ServerIdField] - 1, s[RttField]);
    }
}
