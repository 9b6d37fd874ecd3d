using LoopBench.Core.Results;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>reverse: one-way bulk transfer, server to client (iperf3 -R), one pair per flow.</summary>
internal sealed class ReversePattern : ITrafficPattern
{
    public PatternKind Kind => PatternKind.Reverse;

    public bool RequestResponse => false;

    public string PrimaryMetric => MetricIds.ThroughputBitsPerSecond;

    public EndRole? DataSender => EndRole.Server;

    public void AddFlows(RepetitionFlows flows)
    {
        for (int i = 0; i < flows.Case.Parallel; i++)
        {
            flows.AddStreamFlow(i, FlowDirection.ServerToClient, flows.Parameters);
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
