using System.Globalization;
using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Transports;

namespace LoopBench.Cli.Terminal;

/// <summary>
/// The per-flow block under the knobs: each flow's TCP_INFO at T1 and the segments both ends
/// retransmitted inside the window (crr: its first and last connection, with the retransmits
/// since each connected), and any knob whose read-back differs from flow 0's. Shown when there
/// is more than one flow, or for crr, whose knobs are applied per connection.
/// </summary>
internal static class SummaryFlows
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IEnumerable<string> Lines(RepetitionResult repetition)
    {
        var flows = repetition.FlowProbes ?? [];
        if (flows.Count == 0 || (flows.Count == 1 && flows[0].Connections is null))
        {
            yield break;
        }

        var reference = Signatures(flows[0].Knobs);
        foreach (var flow in flows)
        {
            var parts = new List<string>();
            if (flow.Connections is long connections)
            {
                parts.Add(connections > 0
                    ? string.Create(Invariant, $"knobs applied to {connections} connections ({flow.ConnectionsInWindow ?? 0} in the window)")
                    : string.Create(Invariant, $"no knobs set; {flow.ConnectionsInWindow ?? 0} connections in the window"));
                if (flow.LastConnectionKnobs is { } lastKnobs)
                {
                    var firstClient = Signatures(flow.Knobs?.Where(k => k.Side == EndRole.Client).ToList());
                    var differs = Signatures(lastKnobs).Except(firstClient).ToList();
                    parts.Add(differs.Count == 0 ? "last connection's read-back as the first's" : "last connection differs: " + string.Join(", ", differs));
                }
            }
            else if (!ReferenceEquals(flow, flows[0]) && Signatures(flow.Knobs).Except(reference).ToList() is { Count: > 0 } differs)
            {
                parts.Add("knobs differ: " + string.Join(", ", differs));
            }
            else if (!ReferenceEquals(flow, flows[0]) && flow.TcpInfo is { Count: > 0 })
            {
                parts.Add($"knobs as flow {flows[0].Flow} {flows[0].Direction.ToId()}");
            }

            var samples = flow.TcpInfo ?? [];
            foreach (var sample in samples)
            {
                if (sample.Connection is { } connection)
                {
                    parts.Add(string.Create(Invariant,
                        $"{connection.ToId()} {sample.Side.ToId()} rtt {sample.RttUs} µs cwnd {sample.SendCwndSegments} retrans {sample.TotalRetransSegments} since connect"));
                }
                else if (ReferenceEquals(sample, samples.LastOrDefault(s => s.Side == sample.Side && s.Connection is null)))
                {
                    parts.Add(string.Create(Invariant, $"{sample.Side.ToId()} rtt {sample.RttUs} µs cwnd {sample.SendCwndSegments}"));
                }
            }

            if (flow.Connections is null && TcpInfoSampler.RetransBetweenFirstAndLast(samples) is long retrans)
            {
                parts.Add(string.Create(Invariant, $"retrans {retrans} in the window"));
            }

            if (parts.Count > 0) // a datagram flow with flow 0's knobs has nothing to add
            {
                yield return string.Create(Invariant, $"flow {flow.Flow} {flow.Direction.ToId()}: ") + string.Join("; ", parts);
            }
        }
    }

    private static List<string> Signatures(IReadOnlyList<KnobResult>? knobs) =>
        (knobs ?? []).Where(k => k.Status != KnobStatus.Default).Select(k => $"{k.Side.ToId()} {k.Name} {k.Status.ToId()} {k.Effective}").ToList();
}
