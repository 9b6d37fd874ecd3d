using System.Net.Sockets;
using LoopBench.Core.Measurement;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Results;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>A repetition's knob records: per flow with TCP_QUICKACK's evidence, and the copy modes as knob lines.</summary>
internal static class KnobRecords
{
    /// <summary>Zero-copy and skip-copy as knob lines, with the completion counts as evidence.</summary>
    public static IReadOnlyList<KnobResult>? WithCopyModes(Case c, IReadOnlyList<KnobResult>? knobs, IReadOnlyList<WorkloadEnd> ends)
    {
        var lines = new List<KnobResult>(knobs ?? []);
        if (c.ZeroCopy)
        {
            var senders = ends.Where(e => e.ZeroCopy is not null).Select(e => e.ZeroCopy!).ToList();
            long sends = senders.Sum(z => z.Sends), completed = senders.Sum(z => z.CompletedSends), copied = senders.Sum(z => z.CopiedSends);
            bool allCopied = completed > 0 && copied == completed;
            lines.Add(new KnobResult(SocketKnobId.ZeroCopy.KernelName(), SocketKnobId.ZeroCopy, EndRole.Client, allCopied ? KnobStatus.NoEffect : KnobStatus.Applied, KnobUnit.Bool, "on",
                senders.Count > 0 ? "on" : null, 1, senders.Count > 0 ? 1 : 0,
                SocketKnobText.Invariant($"{sends} sends, {completed} completions, {copied} marked copied (SO_EE_CODE_ZEROCOPY_COPIED), {senders.Sum(z => z.NoBufferErrors)} ENOBUFS"),
                allCopied ? "the kernel fell back to a deferred copy for every send (always so on loopback): no copy was saved" : null));
        }

        if (c.SkipCopy)
        {
            lines.Add(new KnobResult(SocketKnobId.SkipCopy.KernelName(), SocketKnobId.SkipCopy, EndRole.Server, KnobStatus.Applied, KnobUnit.Bool, "on", "on", 1, 1, null,
                "received bytes are counted and discarded in the kernel, not copied to user space"));
        }

        return lines.Count > 0 ? lines : knobs;
    }

    /// <summary>
    /// processes: 2: one end's knob records with their evidence, read now from its own socket and
    /// TCP_INFO (each process reads its own end; one process reads both ends' T1 samples instead).
    /// </summary>
    public static IReadOnlyList<KnobResult> WithEndEvidence(Socket socket, IReadOnlyList<KnobResult> knobs) =>
        SocketKnobEvidence.AddEvidence(socket, knobs, TcpInfoReader.TryRead(socket, out var info) ? info : null);

    /// <summary>After the workers stopped, before the pairs are disposed: one record per flow (crr: per flow's recorder; processes 2: its one flow).</summary>
    public static List<FlowProbeResult> FlowProbeResults(RepetitionFlows set, IReadOnlyList<WorkloadEnd> ends)
    {
        var results = new List<FlowProbeResult>(set.Probes.Count + set.Crr.Count);
        foreach (var probe in set.Probes)
        {
            var r = probe.ToResult();
            results.Add(r with { Knobs = WithQuickAckEvidence(r.Knobs, ends, probe.Flow, probe.Direction) });
        }

        foreach (var recorder in set.Crr)
        {
            var r = recorder.ToResult(ends);
            results.Add(r with { Knobs = WithQuickAckEvidence(r.Knobs, ends, recorder.Flow, r.Direction) });
        }

        if (set.ServerChild?.FlowProbeResult() is { } child)
        {
            results.Add(child with { Knobs = WithQuickAckEvidence(child.Knobs, ends, child.Flow, child.Direction) });
        }

        return results;
    }

    /// <summary>
    /// TCP_QUICKACK's evidence: how often the flow's receivers re-armed it (the kernel keeps it only
    /// until the next delayed-ACK decision, so without re-arms it would not have acted for long).
    /// </summary>
    internal static IReadOnlyList<KnobResult>? WithQuickAckEvidence(
        IReadOnlyList<KnobResult>? knobs, IReadOnlyList<WorkloadEnd> ends, int flow, TrafficDirection direction)
    {
        if (knobs is null || !knobs.Any(k => k.Id == SocketKnobId.QuickAck))
        {
            return knobs;
        }

        return knobs.Select(k =>
        {
            if (k.Id != SocketKnobId.QuickAck || k.Status is KnobStatus.Rejected or KnobStatus.Failed)
            {
                return k;
            }

            long rearms = 0, refused = 0;
            foreach (var end in ends)
            {
                if (end.Flow == flow && end.Role == k.Side && Matches(end, direction))
                {
                    rearms += end.Counters.QuickAckRearms;
                    refused += end.Counters.QuickAckRefused;
                }
            }

            string evidence = rearms + refused == 0
                ? "never re-armed: this end's loop received nothing it re-arms after"
                : SocketKnobText.Invariant($"re-armed {rearms} times, after each receive ({refused} refused)");
            return k with { Evidence = k.Evidence is null ? evidence : $"{k.Evidence}; {evidence}" };
        }).ToArray();
    }

    /// <summary>A one-way flow's record matches its direction's ends; rr and a shared bidir pair match every end of the flow.</summary>
    private static bool Matches(WorkloadEnd end, TrafficDirection direction) =>
        direction is not (TrafficDirection.ClientToServer or TrafficDirection.ServerToClient)
        || (end.FlowDirection is FlowDirection d && TrafficDirections.Of(d) == direction);
}
