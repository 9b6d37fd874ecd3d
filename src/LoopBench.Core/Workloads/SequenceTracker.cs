namespace LoopBench.Core.Workloads;

/// <summary>
/// Counts distinct, duplicate and out-of-order sequence numbers in fixed memory: a ring of 2^20
/// bits behind the highest sequence seen. A datagram older than that is counted as distinct (it
/// cannot be told from a duplicate any more), which only happens after a million-datagram reorder.
/// It also keeps the first and highest sequence seen, so the interval sampler can count gaps
/// (lost so far) the way iperf3's per-interval "Lost/Total" does.
/// </summary>
internal sealed class SequenceTracker
{
    private const int RingBits = 1 << 20;
    private const long Mask = RingBits - 1;
    private readonly ulong[] _seen = new ulong[RingBits / 64];
    private long _highest = -1;

    /// <summary>Records <paramref name="sequence"/> into <paramref name="counters"/>.</summary>
    public void Record(long sequence, DatagramCounters counters)
    {
        if (sequence > _highest)
        {
            if (sequence - _highest >= RingBits)
            {
                Array.Clear(_seen);
            }
            else
            {
                for (long s = _highest + 1; s < sequence; s++)
                {
                    Clear(s);
                }
            }

            Set(sequence);
            _highest = sequence;
            if (counters.FirstSeen < 0)
            {
                Volatile.Write(ref counters.FirstSeen, sequence);
            }

            Volatile.Write(ref counters.HighestSeen, sequence); // before the count: a sampler that reads the count first never sees it ahead
            Volatile.Write(ref counters.UniqueReceived, counters.UniqueReceived + 1);
            return;
        }

        counters.OutOfOrder++;
        if (_highest - sequence >= RingBits)
        {
            counters.UniqueReceived++;
            return;
        }

        if (IsSet(sequence))
        {
            counters.OutOfOrder--;
            counters.Duplicates++;
            return;
        }

        Set(sequence);
        counters.UniqueReceived++;
    }

    private bool IsSet(long s) => (_seen[(s & Mask) >> 6] & (1UL << (int)(s & 63))) != 0;

    private void Set(long s) => _seen[(s & Mask) >> 6] |= 1UL << (int)(s & 63);

    private void Clear(long s) => _seen[(s & Mask) >> 6] &= ~(1UL << (int)(s & 63));
}
