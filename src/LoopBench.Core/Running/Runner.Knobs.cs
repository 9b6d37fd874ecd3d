using System.Net.Sockets;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Running;

/// <summary>Socket knobs: before connect through the connector's hooks, the rest after connect, read back.</summary>
public sealed partial class Runner
{
    private KernelNetLimits? _limits;

    /// <summary>The host's limits, read once per runner (lo's qdisc from the first counter snapshot).</summary>
    private KernelNetLimits Limits => _limits ??= KernelNetLimits.Read(LoQdisc());

    private static string? LoQdisc()
    {
        try
        {
            return KernelCounters.Snapshot().LoQdiscKind;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool HasKnobs(Case c) => c.ClientKnobs.Requested().Any() || c.ServerKnobs.Requested().Any();

    /// <summary>
    /// TCP_MAXSEG acts only before connect(), and buffers set then also size the window scale in the
    /// SYN: set those on the client socket before connect and on the listener (accepted sockets inherit).
    /// TCP_CONGESTION too: a socket that starts under bbr (a common default) keeps bbr's internal
    /// pacing after a later switch to cubic, and its data then leaves from the pacing timer or the
    /// peer's ACKs instead of the sender's writes (measured: same-cpu tcp4 stream at about half the
    /// rate of the same socket given cubic before connect, as iperf3 gives it).
    /// </summary>
    internal TransportOptions WithKnobHooks(TransportOptions options, Case c)
    {
        if (!HasKnobs(c))
        {
            return options;
        }

        string id = c.Transport.ToId();
        var limits = Limits;
        return options with
        {
            ConfigureClient = s => SocketKnobApplier.Apply(s, id, "client", PreConnect(c.ClientKnobs), limits),
            ConfigureListener = s => SocketKnobApplier.Apply(s, id, "server", PreConnect(c.ServerKnobs), limits),
        };
    }

    private static SocketKnobs PreConnect(SocketKnobs k) => new()
    {
        SendBufferBytes = k.SendBufferBytes,
        ReceiveBufferBytes = k.ReceiveBufferBytes,
        ForceBuffers = k.ForceBuffers,
        MaxSegmentBytes = k.MaxSegmentBytes,
        CongestionControl = k.CongestionControl,
    };

    /// <summary>
    /// After connect: every knob again (idempotent), read back; a failed knob fails the setup. Every
    /// pair gets its records (the buffer sizes at least), kept per flow; the first pair stands for the case.
    /// </summary>
    private void ApplyKnobs(Case c, ConnectedPair pair, FlowSet set, int flow, string direction)
    {
        var results = SocketKnobApplier.ApplyPair(pair, c.Transport.ToId(), c.ClientKnobs, c.ServerKnobs, Limits);
        if (results.FirstOrDefault(r => r.Status == KnobResult.StatusFailed) is { } failed)
        {
            throw new TransportSetupException($"{failed.Side} {failed.Describe()}");
        }

        set.FirstPair ??= pair;
        set.Probes.Add(new FlowProbe(flow, direction, pair, results));
    }

    /// <summary>
    /// crr: each connection's client socket gets every knob before connect (the ones that only act
    /// after connect are accepted then too), and the listener gets the server's, which accepted
    /// sockets inherit; TCP_NODELAY likewise when the case asks for it. The recorder keeps the first
    /// and last read-back. This is setup work inside each measured transaction, as the socket itself
    /// is; without knobs and NODELAY nothing is added.
    /// </summary>
    private TransportOptions WithCrrKnobHooks(TransportOptions options, Case c, CrrKnobRecorder recorder)
    {
        // TCP_NODELAY goes on each client socket before connect and on the listener, whose accepted
        // sockets inherit it (pairs get it from SocketTuning.Apply; crr connects per transaction).
        bool noDelay = c.NoDelay == true && c.Transport.IsTcp();
        bool knobs = HasKnobs(c);
        if (!noDelay && !knobs)
        {
            return options;
        }

        string id = c.Transport.ToId();
        var limits = Limits;
        Action<Socket> Hook(Action<Socket>? earlier, Action<Socket> applyKnobs) => s =>
        {
            earlier?.Invoke(s); // hooks compose
            if (noDelay)
            {
                s.NoDelay = true;
            }

            if (knobs)
            {
                applyKnobs(s);
            }
        };
        return options with
        {
            ConfigureClient = Hook(options.ConfigureClient, s => recorder.Client(SocketKnobApplier.Apply(s, id, "client", c.ClientKnobs, limits))),
            ConfigureListener = Hook(options.ConfigureListener, s => recorder.Server(SocketKnobApplier.Apply(s, id, "server", c.ServerKnobs, limits))),
        };
    }

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
