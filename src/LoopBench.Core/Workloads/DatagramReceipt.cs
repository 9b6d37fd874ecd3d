using LoopBench.Core.Measurement;

namespace LoopBench.Core.Workloads;

/// <summary>
/// What a datagram stream receiver does with each datagram it reads, one at a time even when a call
/// returned many: the end marker stops it; an in-window datagram gets its one-way delay, the RFC 3550
/// jitter step and its sequence recorded, and counts its bytes unless it is a duplicate. One piece
/// for the one-datagram-per-call loop of <see cref="DatagramStreamWorkload"/> and the batched receiver.
/// </summary>
internal sealed class DatagramReceipt(WorkloadEnd end, SequenceTracker tracker)
{
    private readonly WorkerCounters _counters = end.Counters;
    private readonly DatagramCounters _stats = end.Datagrams!;
    private readonly LatencyHistogram _histogram = end.Latency!;
    private long _previousTransit = long.MinValue;

    /// <summary>Accounts for <paramref name="datagram"/>, received at <paramref name="nowTicks"/>; false for the end marker.</summary>
    public bool Record(ReadOnlySpan<byte> datagram, long nowTicks)
    {
        if (datagram.Length < DatagramHeader.MinMessageBytes)
        {
            return true; // not one of ours
        }

        long sequence = DatagramHeader.Sequence(datagram);
        if (sequence == DatagramHeader.EndMarker)
        {
            return false;
        }

        if (!DatagramHeader.InWindow(datagram))
        {
            return true;
        }

        long transit = nowTicks - DatagramHeader.ActualTicks(datagram);
        _histogram.Record(Timestamps.ToNs(transit));
        if (_previousTransit != long.MinValue)
        {
            double d = Math.Abs(Timestamps.ToNs(transit - _previousTransit));
            _stats.JitterNs += (d - _stats.JitterNs) / 16; // RFC 3550 §6.4.1
        }

        _previousTransit = transit;
        long duplicatesBefore = _stats.Duplicates;
        tracker.Record(sequence, _stats);
        if (_stats.Duplicates == duplicatesBefore)
        {
            _counters.Bytes += datagram.Length;
            _counters.Messages++;
        }

        return true;
    }
}
