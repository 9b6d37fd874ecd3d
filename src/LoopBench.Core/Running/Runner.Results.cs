using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>The record of a repetition: the pattern's figures, each end's counts, the window.</summary>
public sealed partial class Runner
{
    private static RepetitionResult BuildResult(
        Case c, int index, Coordination coordination, IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers,
        MeasureWindow window, SocketSettingsResult? socket, (long AtT0, long AtT1) timeWait)
    {
        var figures = new RepetitionFigures(c, ends, window.ElapsedNs, timeWait);
        TrafficPatterns.Of(c.Pattern).AddMetrics(figures);
        var endResults = ends.Select((e, i) => new EndResult(
            e.Name, e.Role.ToId(), workers[i].CpuRequested, coordination.CpusObserved[i].Order().ToArray(),
            e.Counters.Bytes, e.Counters.Messages, e.Counters.Transactions,
            e.Channel.Counters.SendCalls, e.Channel.Counters.ReceiveCalls, e.Channel.Counters.ShortSends, e.Failure)
        {
            SyncCompletions = e.Channel.Counters.SyncCompletions,
            AsyncCompletions = e.Channel.Counters.AsyncCompletions,
            ShortReceives = e.Channel.Counters.ShortReceives,
        }).ToArray();
        return new RepetitionResult(index, coordination.StartedUtc, coordination.Interrupted, window.ElapsedNs, figures.Metrics, figures.Latency, figures.Buckets,
            endResults, socket, coordination.Intervals)
        {
            LatencyKind = figures.LatencyKind,
            ConnectLatency = figures.ConnectLatency,
            Flows = figures.Flows,
            EndedBy = coordination.EndedBy,
            Notes = coordination.EndedBy == WindowEnds.TimeCap ? [CapNote(c, figures.SentBytes, figures.Transactions)] : null,
        };
    }

    private static string CapNote(Case c, long sentBytes, long transactions)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        string cap = string.Create(invariant, $"the -t cap ({c.DurationMs / 1000.0:0.###} s) closed the window before ");
        return cap + (c.ByteLimit is long n
            ? string.Create(invariant, $"-n was reached: {sentBytes} of {n} bytes sent")
            : string.Create(invariant, $"-k was reached: {transactions} of {c.TransactionLimit} transactions"));
    }
}
