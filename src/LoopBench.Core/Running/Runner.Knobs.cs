using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Running;

/// <summary>Copy-mode knob lines and the probes' metrics (CPU, TCP_INFO, kernel counters).</summary>
public sealed partial class Runner
{
    /// <summary>Zero-copy and skip-copy as knob lines, with the completion counts as evidence.</summary>
    private static IReadOnlyList<KnobResult>? WithCopyModes(Case c, IReadOnlyList<KnobResult>? knobs, IReadOnlyList<Workloads.WorkloadEnd> ends)
    {
        var lines = new List<KnobResult>(knobs ?? []);
        if (c.ZeroCopy)
        {
            var senders = ends.Where(e => e.ZeroCopy is not null).Select(e => e.ZeroCopy!).ToList();
            long sends = senders.Sum(z => z.Sends), completed = senders.Sum(z => z.CompletedSends), copied = senders.Sum(z => z.CopiedSends);
            bool allCopied = completed > 0 && copied == completed;
            lines.Add(new KnobResult("MSG_ZEROCOPY", "zerocopy", "client", allCopied ? KnobResult.StatusNoEffect : KnobResult.StatusApplied, "bool", "on",
                senders.Count > 0 ? "on" : null, 1, senders.Count > 0 ? 1 : 0,
                SocketKnobText.Invariant($"{sends} sends, {completed} completions, {copied} marked copied (SO_EE_CODE_ZEROCOPY_COPIED), {senders.Sum(z => z.NoBufferErrors)} ENOBUFS"),
                allCopied ? "the kernel fell back to a deferred copy for every send (always so on loopback): no copy was saved" : null));
        }

        if (c.SkipCopy)
        {
            lines.Add(new KnobResult("MSG_TRUNC", "skip-copy", "server", KnobResult.StatusApplied, "bool", "on", "on", 1, 1, null,
                "received bytes are counted and discarded in the kernel, not copied to user space"));
        }

        return lines.Count > 0 ? lines : knobs;
    }

    private static void AddProbeMetrics(SortedDictionary<string, double> metrics, RepetitionProbes probes, ITrafficPattern pattern)
    {
        bool requestResponse = pattern.RequestResponse;
        if (probes.Cpu is { } cpu)
        {
            metrics[MetricIds.CpuProcessUs] = cpu.ProcessUserUs + cpu.ProcessSystemUs;
            metrics[MetricIds.CpuProcessPercentOfOneCore] = cpu.ProcessCpuPercentOfOneCore;
            metrics[MetricIds.HarnessOverheadUs] = cpu.HarnessOverheadUs;
            if (!requestResponse && cpu.ServiceDemandUsPerKiB is double perKiB)
            {
                metrics[MetricIds.ServiceDemandUsPerKiB] = perKiB;
            }

            if (requestResponse && cpu.ServiceDemandUsPerTransaction is double perTransaction)
            {
                metrics[MetricIds.ServiceDemandUsPerTransaction] = perTransaction;
            }
        }

        if (probes.Tcp is { } tcp && tcp.Samples.Count > 0)
        {
            // The data sender's RTT: a one-way receiver sends no data, so its tcpi_rtt is a stale
            // estimate (a reverse run showed 35 µs at the client against 395 µs at the sending server).
            if (tcp.Last(pattern.DataSender?.ToId() ?? "client") is { } sender)
            {
                metrics[MetricIds.TcpRttUs] = sender.RttUs;
                if (sender.MinRttUs is long min)
                {
                    metrics[MetricIds.TcpMinRttUs] = min;
                }
            }
        }

        if (probes.WindowRetransmits() is long retrans)
        {
            metrics[MetricIds.TcpRetransSegments] = retrans; // every flow's, both ends
        }

        if (probes.Counters is { } counters)
        {
            long Delta(string name) => counters.FirstOrDefault(d => d.Name == name)?.Delta ?? 0;
            metrics[MetricIds.UdpRcvbufErrors] = Delta("Udp.RcvbufErrors");
            metrics[MetricIds.TcpBacklogDrops] = Delta("TcpExt.TCPBacklogDrop");
            metrics[MetricIds.SoftnetTimeSqueeze] = Delta("softnet.time_squeeze");
            long qdiscDrops = Delta("qdisc.lo.drops");
            long qdiscPackets = Delta("qdisc.lo.packets");
            if (qdiscDrops + qdiscPackets > 0)
            {
                metrics[MetricIds.QdiscDrops] = qdiscDrops;
                metrics[MetricIds.QdiscDropRatio] = (double)qdiscDrops / (qdiscDrops + qdiscPackets);
            }
        }
    }

    private static int[] WorkerThreadIds(Engines.WorkerHandle[] workers) => workers.Select(w => w.ThreadId).Where(t => t > 0).ToArray();
}
