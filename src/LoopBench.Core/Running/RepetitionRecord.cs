using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// Collects a repetition's record after its workers stopped, before its flows are closed: the pattern's
/// figures, each end's counts, the knob records, the probes' readings and metrics.
/// </summary>
internal static class RepetitionRecord
{
    public static RepetitionResult Build(
        Case c, int index, Coordination coordination, RepetitionFlows flows, WorkerHandle[] workers, MeasureWindow window,
        RepetitionProbes probes, (long AtT0, long AtT1) timeWait, Func<CountersScope> countersScope)
    {
        var ends = flows.Ends;
        var pattern = TrafficPatterns.Of(c.Pattern);
        var figures = new RepetitionFigures(c, ends, window.ElapsedNs, timeWait);
        pattern.AddMetrics(figures);
        var flowProbes = KnobRecords.FlowProbeResults(flows, ends);
        var result = new RepetitionResult(index, coordination.StartedUtc, coordination.Interrupted, window.ElapsedNs, figures.Metrics, figures.Latency, figures.Buckets,
            EndResults(coordination, ends, workers), flows.Socket ?? LastConnectionSettings(ends), coordination.Intervals)
        {
            LatencyKind = figures.LatencyKind,
            ConnectLatency = figures.ConnectLatency,
            Flows = figures.Flows,
            EndedBy = coordination.EndedBy,
            Notes = Notes(coordination.EndedBy == WindowEnd.TimeCap ? CapNote(c, figures.SentBytes, figures.Transactions) : null, figures.Stamps?.MissingReason()),
            Knobs = KnobRecords.WithCopyModes(c, flowProbes.FirstOrDefault()?.Knobs, ends),
            TcpInfo = probes.Tcp?.Samples.ToArray() ?? flowProbes.FirstOrDefault()?.TcpInfo,
            FlowProbes = flowProbes.Count > 0 ? flowProbes : null,
            KernelCounters = probes.Counters,
            KernelCountersScope = probes.Counters is null ? null : countersScope(),
            Cpu = probes.Cpu,
            Runtime = probes.Runtime is { } runtime ? runtime with { WarmupExtendedNs = coordination.WarmupExtendedNs } : null,
            Capture = probes.Capture,
        };
        result = flows.ServerChild?.Amend(result, window) ?? result;
        ProbeMetrics.Add(result.Metrics, probes, pattern);
        result.Metrics[MetricIds.StrayConnections] = flows.StrayConnections + ends.Sum(e => e.StrayConnections);
        return result;
    }

    private static EndResult[] EndResults(Coordination coordination, IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers) =>
        ends.Select((e, i) => new EndResult(
            e.Name, e.Role, workers[i].CpuRequested, coordination.CpusObserved[i].Order().ToArray(),
            e.Counters.Bytes, e.Counters.Messages, e.Counters.Transactions,
            e.Channel.Counters.SendCalls, e.Channel.Counters.ReceiveCalls, e.Channel.Counters.ShortSends, e.Failure)
        {
            SyncCompletions = e.Channel.Counters.SyncCompletions,
            AsyncCompletions = e.Channel.Counters.AsyncCompletions,
            ShortReceives = e.Channel.Counters.ShortReceives,
            ReceiveSpinHits = SpinCount(e.Channel.Counters, e.Channel.Counters.SpinHits),
            ReceiveSpinMisses = SpinCount(e.Channel.Counters, e.Channel.Counters.SpinMisses),
            ReceiveLowatBytes = e.Channel.Counters.ReceiveLowatBytes is > 0 and int lowat ? lowat : null,
            RunQueueWaitNs = coordination.Scheduling[i]?.WaitNs,
            Timeslices = coordination.Scheduling[i]?.Timeslices,
        }).ToArray();

    /// <summary>A spin counter, or null for an end that never spun (a sender, or no spin asked).</summary>
    private static long? SpinCount(EngineCounters counters, long value) =>
        counters.SpinHits + counters.SpinMisses > 0 ? value : null;

    /// <summary>
    /// Without pairs (crr connects per transaction): flow 0's last connection's settings, client and
    /// server as read back by each end; null when no end kept them.
    /// </summary>
    private static SocketSettingsResult? LastConnectionSettings(IReadOnlyList<WorkloadEnd> ends)
    {
        var client = ends.FirstOrDefault(e => e.Flow == 0 && e.Role == EndRole.Client && e.Connections?.LastSettings is not null);
        var server = ends.FirstOrDefault(e => e.Flow == 0 && e.Role == EndRole.Server && e.Connections?.LastSettings is not null);
        return client is null || server is null ? null : SocketTuning.Combine(client.Connections!.LastSettings!, server.Connections!.LastSettings!);
    }

    private static IReadOnlyList<string>? Notes(params string?[] notes) =>
        notes.Any(n => n is not null) ? notes.OfType<string>().ToArray() : null;

    private static string CapNote(Case c, long sentBytes, long transactions)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        string cap = string.Create(invariant, $"the -t cap ({c.DurationMs / 1000.0:0.###} s) closed the window before ");
        return cap + (c.ByteLimit is long n
            ? string.Create(invariant, $"-n was reached: {sentBytes} of {n} bytes sent")
            : string.Create(invariant, $"-k was reached: {transactions} of {c.TransactionLimit} transactions"));
    }
}
