using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>The coordinator: warm-up, the window, interval samples, and the figures of a repetition.</summary>
public sealed partial class Runner
{
    private enum Wake
    {
        Deadline,
        Cancelled,
        WorkerEnded,
        CountReached,
    }

    private sealed record Coordination(
        DateTimeOffset StartedUtc, bool Interrupted, string? Failure, List<IntervalResult> Intervals, HashSet<int>[] CpusObserved, string? EndedBy);

    /// <remarks>
    /// Everything the loop needs is allocated before T0 (the CPU sets, the interval list at its expected
    /// size, the per-flow arrays, the thread ids, a last-CPU reader per worker, one "a worker ended" signal), so that inside the window
    /// the coordinator allocates only what it hands out: each interval's record and its per-flow bytes,
    /// and the TCP_INFO samples. The runtime figures (<see cref="RepetitionProbes.Runtime"/>) show the rest.
    /// </remarks>
    private Coordination Coordinate(
        Case c, int index, IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers, MeasureWindow window, RepetitionProbes probes,
        CancellationToken cancellation)
    {
        var cpus = new HashSet<int>[ends.Count];
        for (int i = 0; i < cpus.Length; i++)
        {
            cpus[i] = [];
        }

        long intervalTicks = TicksOf(c.IntervalMs);
        var intervals = new List<IntervalResult>(c.IntervalMs > 0 ? (int)Math.Min(1024, (c.DurationMs / c.IntervalMs) + 2) : 0);
        bool counted = c.IsCountBased;
        using var ended = new WorkerEndSignal(workers);
        using var cpuReaders = new CpuReaders(workers);
        int flowCount = FlowCount(ends);
        long[]? previousFlows = flowCount > 1 ? new long[flowCount] : null;
        long[]? flowsNow = flowCount > 1 ? new long[flowCount] : null;
        int[] threadIds = WorkerThreadIds(workers);
        var pattern = TrafficPatterns.Of(c.Pattern);
        // Per-interval TCP_INFO figures: one flow has its Retr and Cwnd, as iperf3 prints them per
        // stream; several flows have the sum of their Retr, as iperf3's SUM line.
        var tcp = probes.ManyFlows ? null : probes.Tcp;
        var wake = Wait(Timestamps.Now() + TicksOf(c.WarmupMs), counted, ends, workers, ended, cancellation);
        probes.BeforeOpen();
        window.Open();
        probes.AtOpen();
        probes.SampleAtOpen(); // T0: the baseline of the window's retransmits, and of the first interval's
        var startedUtc = DateTimeOffset.UtcNow;
        long t0 = window.T0Ticks;
        long end = t0 + TicksOf(c.DurationMs);
        long previousTicks = t0;
        (long Bytes, long Transactions) previous = (0, 0);
        (long Advanced, long Received) previousDatagrams = (0, 0);
        long? previousRetrans = Retrans(tcp, probes, atSamples: true);
        while (true)
        {
            if (wake == Wake.Deadline)
            {
                long next = intervalTicks > 0 ? Math.Min(previousTicks + intervalTicks, end) : end;
                wake = Wait(next, counted, ends, workers, ended, cancellation);
            }

            bool last = wake != Wake.Deadline || Timestamps.Now() >= end;
            if (last)
            {
                // CPU first: once the window closes the workers leave and their /proc entries go.
                var atClose = EndTotals.Primary(ends);
                probes.AtClose(threadIds, atClose.Bytes, pattern.RequestResponse ? atClose.Transactions : null);
                window.CloseAt(wake == Wake.CountReached ? LastFinished(ends) : long.MaxValue);
            }

            long now = last ? window.T1Ticks : Timestamps.Now();
            Observe(cpus, cpuReaders.All);
            flowsNow?.AsSpan().Clear();
            var totals = EndTotals.Primary(ends, flowsNow);
            var datagrams = DatagramProgress(ends);
            probes.Sample(Timestamps.ToNs(now - t0));
            if (last)
            {
                probes.SampleFlowsAtClose(Timestamps.ToNs(now - t0));
            }

            long? retrans = Retrans(tcp, probes, atSamples: last);

            if (intervalTicks > 0 && now > previousTicks)
            {
                var sample = new IntervalResult(
                    Timestamps.ToNs(previousTicks - t0), Timestamps.ToNs(now - t0),
                    totals.Bytes - previous.Bytes, totals.Transactions - previous.Transactions)
                {
                    FlowBytes = FlowDeltas(flowsNow, previousFlows),
                    Datagrams = datagrams?.Advanced - previousDatagrams.Advanced,
                    LostDatagrams = datagrams is var (advanced, received) ? advanced - received - (previousDatagrams.Advanced - previousDatagrams.Received) : null,
                    Retransmits = retrans - previousRetrans,
                    SendCwndBytes = SenderCwndBytes(tcp, pattern),
                };
                intervals.Add(sample);
                IntervalCompleted?.Invoke(c, index, sample);
            }

            (previousTicks, previous, previousDatagrams, previousRetrans) = (now, totals, datagrams ?? previousDatagrams, retrans ?? previousRetrans);
            if (last)
            {
                break;
            }
        }

        string? failure = wake == Wake.WorkerEnded ? WorkerFailure(ends, workers) ?? "a worker stopped before the window closed" : null;
        string? endedBy = !counted ? null : wake switch
        {
            Wake.CountReached => WindowEnds.Count,
            Wake.Deadline => WindowEnds.TimeCap,
            _ => null,
        };
        return new Coordination(startedUtc, wake == Wake.Cancelled, failure, intervals, cpus, endedBy);
    }

    private static Wake Wait(
        long deadlineTicks, bool counted, IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers, WorkerEndSignal ended, CancellationToken cancellation) =>
        counted ? WaitCounted(deadlineTicks, ends, workers, ended, cancellation) : WaitUntil(deadlineTicks, ended, workers, cancellation);

    /// <summary>Flow 0's sum of retransmits (one flow), or every flow's; null without TCP_INFO.</summary>
    private static long? Retrans(TcpInfoSampler? tcp, RepetitionProbes probes, bool atSamples) =>
        tcp is not null ? tcp.LastRetransTotal() : probes.FlowsRetransTotal(atSamples);

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
    /// Count-based runs (-n, -k): ends that finish their share are not failures; once every end
    /// that finishes on its own has done so, the window closes. An end that failed still fails the case.
    /// </summary>
    private static Wake WaitCounted(long deadlineTicks, IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers, WorkerEndSignal ended, CancellationToken cancellation)
    {
        while (true)
        {
            var wake = WaitUntil(deadlineTicks, ended, workers, cancellation);
            if (wake != Wake.WorkerEnded)
            {
                return wake;
            }

            // Acknowledge before looking: an end that finishes after this wakes the next wait, one that
            // finished before is seen by the scan below, so none is missed.
            ended.Acknowledge(workers);
            bool allFinished = true;
            bool anyPending = false;
            for (int i = 0; i < ends.Count; i++)
            {
                bool done = workers[i].Completion.IsCompleted;
                if (done && (workers[i].Completion.IsFaulted || ends[i].Failure is not null))
                {
                    return Wake.WorkerEnded;
                }

                allFinished &= done || !ends[i].Finishes;
                anyPending |= !done;
            }

            if (allFinished || !anyPending)
            {
                return Wake.CountReached;
            }
        }
    }

    /// <summary>Waits for the deadline, a worker that ended (and was not acknowledged yet) or cancellation.</summary>
    private static Wake WaitUntil(long deadlineTicks, WorkerEndSignal ended, WorkerHandle[] workers, CancellationToken cancellation)
    {
        while (true)
        {
            // Round up: waking before the deadline would emit a sliver of an interval.
            long remainingNs = Timestamps.ToNs(deadlineTicks - Timestamps.Now());
            long remainingMs = (remainingNs + 999_999) / 1_000_000;
            if (remainingNs <= 0)
            {
                return Wake.Deadline;
            }

            try
            {
                if (ended.Wait((int)Math.Min(remainingMs, int.MaxValue), workers, cancellation))
                {
                    return Wake.WorkerEnded;
                }
            }
            catch (OperationCanceledException)
            {
                return Wake.Cancelled;
            }
        }
    }

    /// <summary>
    /// Count-based runs: when the last primary end (stream receivers, rr clients) completed its last
    /// counted operation; long.MaxValue (close now) when none stamped it, e.g. datagram receivers.
    /// </summary>
    private static long LastFinished(IReadOnlyList<WorkloadEnd> ends)
    {
        long last = 0;
        for (int i = 0; i < ends.Count; i++)
        {
            if (EndTotals.IsPrimary(ends[i]) && ends[i].Finishes)
            {
                if (ends[i].FinishedTicks == 0)
                {
                    return long.MaxValue;
                }

                last = Math.Max(last, ends[i].FinishedTicks);
            }
        }

        return last == 0 ? long.MaxValue : last;
    }

    private static long TicksOf(long milliseconds) => Timestamps.FromTimeSpan(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>The one-way sender's congestion window in bytes (snd_cwnd × MSS, iperf3's Cwnd) at the latest sample; null for two-way patterns.</summary>
    private static long? SenderCwndBytes(TcpInfoSampler? tcp, ITrafficPattern pattern) =>
        pattern.DataSender is { } sender && tcp?.Last(sender.ToId()) is { } s ? s.SendCwndSegments * s.SendMssBytes : null;

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

    private static void Observe(HashSet<int>[] cpus, LastCpuReader[] readers)
    {
        for (int i = 0; i < readers.Length; i++)
        {
            int cpu = readers[i].Read();
            if (cpu >= 0)
            {
                cpus[i].Add(cpu);
            }
        }
    }
}
