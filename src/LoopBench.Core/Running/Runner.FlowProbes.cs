using LoopBench.Core.Results;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>Per-flow knob records and TCP_INFO, TCP_QUICKACK evidence, and the counters' scope.</summary>
public sealed partial class Runner
{
    private string? _countersScope;

    /// <summary>Where kernel counters come from: the caller's word, else detected once ("netns" or "host").</summary>
    private string CountersScope => _countersScope ??= _options.KernelCountersScope ?? NetworkNamespaceScope.Detect();

    /// <summary>crr: flow 0's last connection's settings, client and server as read back by each end; null otherwise.</summary>
    private static SocketSettingsResult? CrrSocketSettings(IReadOnlyList<WorkloadEnd> ends)
    {
        var client = ends.FirstOrDefault(e => e.Flow == 0 && e.Role == EndRole.Client && e.Connections?.LastSettings is not null);
        var server = ends.FirstOrDefault(e => e.Flow == 0 && e.Role == EndRole.Server && e.Connections?.LastSettings is not null);
        return client is null || server is null ? null : SocketTuning.Combine(client.Connections!.LastSettings!, server.Connections!.LastSettings!);
    }

    /// <summary>After the workers stopped, before the pairs are disposed: one record per flow (crr: per flow's recorder).</summary>
    private static List<FlowProbeResult> FlowProbeResults(FlowSet set, IReadOnlyList<WorkloadEnd> ends)
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

        return results;
    }

    /// <summary>
    /// TCP_QUICKACK's evidence: how often the flow's receivers re-armed it (the kernel keeps it only
    /// until the next delayed-ACK decision, so without re-arms it would not have acted for long).
    /// </summary>
    internal static IReadOnlyList<KnobResult>? WithQuickAckEvidence(
        IReadOnlyList<KnobResult>? knobs, IReadOnlyList<WorkloadEnd> ends, int flow, string direction)
    {
        if (knobs is null || !knobs.Any(k => k.Id == "quickack"))
        {
            return knobs;
        }

        return knobs.Select(k =>
        {
            if (k.Id != "quickack" || k.Status is KnobResult.StatusRejected or KnobResult.StatusFailed)
            {
                return k;
            }

            long rearms = 0, refused = 0;
            foreach (var end in ends)
            {
                if (end.Flow == flow && end.Role.ToId() == k.Side && Matches(end, direction))
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

    private static bool Matches(WorkloadEnd end, string direction) => direction switch
    {
        "c2s" => end.FlowDirection == FlowDirection.ClientToServer,
        "s2c" => end.FlowDirection == FlowDirection.ServerToClient,
        _ => true,
    };
}
