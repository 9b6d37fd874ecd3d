using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>
/// One traffic pattern as a unit: its flows and ends, what it counts, which end sends its data, and
/// its primary metric. The runner asks the pattern instead of switching on <see cref="PatternKind"/>.
/// </summary>
internal interface ITrafficPattern
{
    /// <summary>The pattern this unit implements.</summary>
    PatternKind Kind { get; }

    /// <summary>True when the pattern counts transactions (request/response); false when it counts bytes one way.</summary>
    bool RequestResponse { get; }

    /// <summary>The end that sends a one-way pattern's data (its TCP_INFO has the RTT and Cwnd); null for two-way patterns.</summary>
    EndRole? DataSender { get; }

    /// <summary>Which way the data of the pattern's split flow (processes: 2) go: from <see cref="DataSender"/>, client to server by default.</summary>
    FlowDirection DataDirection => DataSender == EndRole.Server ? FlowDirection.ServerToClient : FlowDirection.ClientToServer;

    /// <summary>Opens the case's pairs or listeners (one process) and adds the workload ends of every flow.</summary>
    void AddFlows(RepetitionFlows flows);

    /// <summary>
    /// processes: 2: the workload of the case's one flow, whose server end runs in a child process and
    /// whose client end runs here; null when the pattern cannot be split so.
    /// </summary>
    IWorkload? SplitFlowWorkload(TransportKind transport, WorkloadParameters parameters);

    /// <summary>Adds the pattern's own metrics to the figures every pattern has (bytes, throughput, latency, flows).</summary>
    void AddMetrics(RepetitionFigures figures);
}
