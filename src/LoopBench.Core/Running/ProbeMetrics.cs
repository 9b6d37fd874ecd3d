using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;

namespace LoopBench.Core.Running;

/// <summary>The probes' metrics of a repetition: CPU and service demand, the data sender's TCP RTT, retransmits, kernel and qdisc counters.</summary>
internal static class ProbeMetrics
{
    /// <summary>Adds what the probes measured; service demand per KiB or per transaction as the pattern counts.</summary>
    public static void Add(SortedDictionary<string, double> metrics, RepetitionProbes probes, ITrafficPattern pattern)
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
            if (tcp.Last(pattern.DataSender ?? EndRole.Client) is { } sender)
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
}
