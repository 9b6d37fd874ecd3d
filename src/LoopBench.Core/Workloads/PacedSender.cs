using LoopBench.Core.Measurement;

namespace LoopBench.Core.Workloads;

/// <summary>
/// The sending loop of paced datagrams and open-loop requests. Deadlines are absolute
/// (start + n / rate): at each wake-up (clock_nanosleep TIMER_ABSTIME) every datagram that is due
/// is sent, each stamped with its sequence, its intended and its actual send time. Rate 0 sends
/// as fast as possible. Allocation-free when the channel completes synchronously.
/// One clock read per datagram: the read when a send returns is both the end of that send (for
/// blocked-send accounting) and the stamp of the next, which it precedes by the loop's bookkeeping,
/// tens of nanoseconds. At 64 bytes a send costs about 3 µs, and two more reads cost about 1.5 %.
/// </summary>
internal static class PacedSender
{
    /// <summary>A send that takes longer than this counts as blocked (a free one takes ~1–5 µs here).</summary>
    public const long BlockedThresholdNs = 50_000;

    /// <summary>
    /// Runs the loop until T1 or, with <paramref name="byteLimit"/> (-n: this flow's share), until exactly
    /// that many payload bytes are sent, all inside the window; then sends end markers and half-closes.
    /// </summary>
    public static ValueTask RunAsync(WorkloadEnd end, Memory<byte> message, WorkloadParameters p, MeasureWindow window, long byteLimit = 0) =>
        RunAsync(new SystemClock(), end, message, p, window, byteLimit);

    /// <summary>
    /// The loop on <paramref name="clock"/>: generic so that the real clock, a struct, is inlined into
    /// its own copy of the loop; tests pass a fake one and check every send time to the tick.
    /// </summary>
    public static async ValueTask RunAsync<TClock>(TClock clock, WorkloadEnd end, Memory<byte> message, WorkloadParameters p, MeasureWindow window, long byteLimit = 0)
        where TClock : IClock
    {
        if (byteLimit > 0)
        {
            window.WaitUntilOpen();
        }

        var channel = end.Channel;
        var counters = end.Counters;
        var stats = end.Datagrams!;
        double rate = p.RatePerSecond;
        double intervalTicks = rate > 0 ? System.Diagnostics.Stopwatch.Frequency / rate : 0;
        long blockedTicks = Timestamps.FromTimeSpan(TimeSpan.FromTicks(BlockedThresholdNs / 100));
        long start = clock.NowTicks();
        long now = start; // the latest reading: a send's return time is the next send's time
        long sequence = 0;
        long scheduled = 0;
        long left = byteLimit;
        while (!window.IsStopping && (byteLimit == 0 || left > 0))
        {
            long wake = now;
            long due = wake;
            if (rate > 0)
            {
                wake = clock.NowTicks();
                due = start + (long)(scheduled * intervalTicks);
                if (due > wake)
                {
                    clock.SleepUntil(due);
                    wake = clock.NowTicks();
                }

                if (window.IsMeasuring)
                {
                    long lateNs = Timestamps.ToNs(wake - due);
                    stats.WakeUps++;
                    stats.LateNsTotal += lateNs;
                    stats.MaxLateNs = Math.Max(stats.MaxLateNs, lateNs);
                }

                now = wake;
            }

            long burst = 0;
            do
            {
                bool inWindow = window.IsMeasuring;
                long sentAt = now;
                DatagramHeader.Write(message.Span, sequence, due, sentAt, inWindow);
                var datagram = byteLimit > 0 ? message[..LastLength(left, message.Length)] : message;
                bool ok = p.MessageBoundaries
                    ? await channel.SendAsync(datagram) == datagram.Length
                    : await ChannelIo.SendAllAsync(channel, datagram);
                now = clock.NowTicks();
                long took = now - sentAt;
                if (!ok)
                {
                    if (p.MessageBoundaries && DatagramHeader.IsTransient(channel.LastError))
                    {
                        stats.SendErrors++; // not sent: the sequence number is reused
                        break;
                    }

                    end.Failure = channel.LastError ?? "peer closed the connection";
                    return;
                }

                if (inWindow)
                {
                    if (took > blockedTicks)
                    {
                        stats.BlockedSends++;
                        stats.BlockedNs += Timestamps.ToNs(took);
                    }

                    stats.FirstSequence = stats.FirstSequence < 0 ? sequence : stats.FirstSequence;
                    stats.LastSequence = sequence;
                    stats.SentInWindow++;
                    counters.Bytes += datagram.Length;
                    counters.Messages++;
                }

                sequence++;
                scheduled++;
                burst++;
                left -= datagram.Length;
                due = start + (long)(scheduled * intervalTicks);
            }
            while (rate > 0 && due <= wake && !window.IsStopping && (byteLimit == 0 || left > 0));

            if (window.IsMeasuring && burst > stats.MaxBurst)
            {
                stats.MaxBurst = burst;
            }
        }

        await SendEndMarkersAsync(end, message, p);
        channel.ShutdownSend();
    }

    /// <summary>
    /// The next datagram's length with <paramref name="left"/> bytes of the -n share to go: full ones while
    /// a full one leaves a header's worth or more, then the rest, so the share is met exactly (a share
    /// smaller than a header overshoots to one header).
    /// </summary>
    private static int LastLength(long left, int full)
    {
        if (left <= full)
        {
            return (int)Math.Max(left, DatagramHeader.MinMessageBytes);
        }

        return left - full >= DatagramHeader.MinMessageBytes ? full : (int)Math.Max(left - DatagramHeader.MinMessageBytes, DatagramHeader.MinMessageBytes);
    }

    /// <summary>Tells a datagram receiver that the flow is over; its queue drains first (FIFO).</summary>
    public static async ValueTask SendEndMarkersAsync(WorkloadEnd end, Memory<byte> message, WorkloadParameters p)
    {
        if (!p.MessageBoundaries)
        {
            return;
        }

        // Header-sized markers: three of them always fit in the peer's queue, even after it stopped reading.
        var marker = message[..DatagramHeader.MinMessageBytes];
        for (int i = 0; i < 3; i++)
        {
            DatagramHeader.Write(marker.Span, DatagramHeader.EndMarker, 0, 0, false);
            await end.Channel.SendAsync(marker);
        }
    }
}
