using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// The per-interval line: the primary ends' bytes and transactions, each flow's bytes, datagram
/// loss and TCP Retr and Cwnd since the previous sample. Its arrays are allocated before T0; inside
/// the window it allocates only the records it hands out.
/// </summary>
internal sealed class IntervalSampler
{
    private readonly IReadOnlyList<WorkloadEnd> _ends;
    private readonly RepetitionProbes _probes;
    private readonly ITrafficPattern _pattern;
    private readonly TcpInfoSampler? _tcp;
    private readonly long _t0Ticks;
    private readonly bool _enabled;
    private readonly long[]? _previousFlows;
    private readonly long[]? _flowsNow;
    private long _previousTicks;
    private (long Bytes, long Transactions) _previous;
    private (long Advanced, long Received) _previousDatagrams;
    private long? _previousRetrans;
    private (long Bytes, long Transactions) _totals;
    private (long Advanced, long Received)? _datagrams;

    /// <summary>Starts at T0 (<paramref name="t0Ticks"/>), after the probes' T0 sample; <paramref name="enabled"/> false records no lines.</summary>
    public IntervalSampler(IReadOnlyList<WorkloadEnd> ends, RepetitionProbes probes, ITrafficPattern pattern, long t0Ticks, bool enabled)
    {
        _ends = ends;
        _probes = probes;
        _pattern = pattern;
        _t0Ticks = _previousTicks = t0Ticks;
        _enabled = enabled;
        int flowCount = FlowCount(ends);
        _previousFlows = flowCount > 1 ? new long[flowCount] : null;
        _flowsNow = flowCount > 1 ? new long[flowCount] : null;

        // Per-interval TCP_INFO figures: one flow has its Retr and Cwnd, as iperf3 prints them per
        // stream; several flows have the sum of their Retr, as iperf3's SUM line.
        _tcp = probes.ManyFlows ? null : probes.Tcp;
        _previousRetrans = Retrans(atSamples: true);
    }

    /// <summary>When the previous line ended (T0 before the first).</summary>
    public long PreviousTicks => _previousTicks;

    /// <summary>Reads the ends' counters; before the probes take their TCP_INFO sample of the same moment.</summary>
    public void ReadCounters()
    {
        _flowsNow?.AsSpan().Clear();
        _totals = EndTotals.Primary(_ends, _flowsNow);
        _datagrams = DatagramProgress(_ends);
    }

    /// <summary>The line from the previous read to <paramref name="nowTicks"/>, after the probes sampled; null when lines are off or no time passed.</summary>
    public IntervalResult? Complete(long nowTicks, bool last)
    {
        long? retrans = Retrans(atSamples: last);
        IntervalResult? sample = null;
        if (_enabled && nowTicks > _previousTicks)
        {
            sample = new IntervalResult(
                Timestamps.ToNs(_previousTicks - _t0Ticks), Timestamps.ToNs(nowTicks - _t0Ticks),
                _totals.Bytes - _previous.Bytes, _totals.Transactions - _previous.Transactions)
            {
                FlowBytes = FlowDeltas(_flowsNow, _previousFlows),
                Datagrams = _datagrams?.Advanced - _previousDatagrams.Advanced,
                LostDatagrams = _datagrams is var (advanced, received) ? advanced - received - (_previousDatagrams.Advanced - _previousDatagrams.Received) : null,
                Retransmits = retrans - _previousRetrans,
                SendCwndBytes = SenderCwndBytes(),
            };
        }

        (_previousTicks, _previous, _previousDatagrams, _previousRetrans) = (nowTicks, _totals, _datagrams ?? _previousDatagrams, retrans ?? _previousRetrans);
        return sample;
    }

    /// <summary>Flow 0's sum of retransmits (one flow), or every flow's; null without TCP_INFO.</summary>
    private long? Retrans(bool atSamples) =>
        _tcp is not null ? _tcp.LastRetransTotal() : _probes.FlowsRetransTotal(atSamples);

    /// <summary>The one-way sender's congestion window in bytes (snd_cwnd × MSS, iperf3's Cwnd) at the latest sample; null for two-way patterns.</summary>
    private long? SenderCwndBytes() =>
        _pattern.DataSender is { } sender && _tcp?.Last(sender) is { } s ? s.SendCwndSegments * s.SendMssBytes : null;

    /// <summary>The number of flows the primary ends belong to (highest flow number + 1; 1 without any).</summary>
    private static int FlowCount(IReadOnlyList<WorkloadEnd> ends)
    {
        int highest = 0;
        for (int i = 0; i < ends.Count; i++)
        {
            if (EndTotals.IsPrimary(ends[i]))
            {
                highest = Math.Max(highest, ends[i].Flow);
            }
        }

        return highest + 1;
    }

    /// <summary>
    /// Datagram stream receivers together: sequence numbers advanced over since their first
    /// in-window one, and distinct ones received; null when the case has no such receiver.
    /// The count is read before the highest, so a datagram in between shows as lost for one interval at most.
    /// </summary>
    private static (long Advanced, long Received)? DatagramProgress(IReadOnlyList<WorkloadEnd> ends)
    {
        (long Advanced, long Received)? total = null;
        for (int i = 0; i < ends.Count; i++)
        {
            var end = ends[i];
            if (end.Datagrams is not { } d || end.Direction != EndDirection.Receive)
            {
                continue;
            }

            long received = Volatile.Read(ref d.UniqueReceived);
            long highest = Volatile.Read(ref d.HighestSeen);
            long first = Volatile.Read(ref d.FirstSeen);
            var (a, r) = total ?? (0, 0);
            total = first < 0 ? (a, r) : (a + highest - first + 1, r + received);
        }

        return total;
    }

    /// <summary>Each flow's bytes since <paramref name="previous"/>, which becomes <paramref name="now"/>; null with one flow.</summary>
    private static long[]? FlowDeltas(long[]? now, long[]? previous)
    {
        if (now is null || previous is null)
        {
            return null;
        }

        var delta = new long[now.Length];
        for (int i = 0; i < now.Length; i++)
        {
            delta[i] = now[i] - previous[i];
            previous[i] = now[i];
        }

        return delta;
    }
}
