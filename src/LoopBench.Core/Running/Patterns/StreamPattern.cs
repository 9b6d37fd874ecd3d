using LoopBench.Core.Results;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>stream: one-way bulk transfer, client to server, one pair per flow (paced datagrams on datagram transports).</summary>
internal sealed class StreamPattern : ITrafficPattern
{
    public PatternKind Kind => PatternKind.Stream;

    public bool RequestResponse => false;

    public string PrimaryMetric => MetricIds.ThroughputBitsPerSecond;

    public EndRole? DataSender => EndRole.Client;

    public void AddFlows(RepetitionFlows flows)
    {
        for (int i = 0; i < flows.Case.Parallel; i++)
        {
            flows.AddStreamFlow(i, FlowDirection.ClientToServer, flows.Parameters);
        }
    }

    public IWorkload? SplitFlowWorkload(TransportKind transport, WorkloadParameters parameters) =>
        WorkloadFactory.Create(PatternKind.Stream, transport, parameters);

    public void AddMetrics(RepetitionFigures figures)
    {
        figures.AddSent();
        figures.AddDatagrams(flow: null, sequenced: true);
        figures.AddFairness(byTransactions: false);
    }
}
