using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>
/// stream and reverse: one-way bulk transfer, one pair per flow (paced datagrams on datagram
/// transports), client to server or (iperf3 -R) server to client, as <paramref name="sender"/> says.
/// </summary>
internal sealed class OneWayPattern(PatternKind kind, EndRole sender) : ITrafficPattern
{
    public PatternKind Kind => kind;

    public bool RequestResponse => false;


    public EndRole? DataSender => sender;

    public void AddFlows(RepetitionFlows flows)
    {
        var direction = ((ITrafficPattern)this).DataDirection;
        for (int i = 0; i < flows.Case.Parallel; i++)
        {
            flows.AddStreamFlow(i, direction, flows.Parameters);
        }
    }

    public IWorkload? SplitFlowWorkload(TransportKind transport, WorkloadParameters parameters) =>
        WorkloadFactory.Stream(transport, parameters);

    public void AddMetrics(RepetitionFigures figures)
    {
        figures.AddSent();
        figures.AddDatagrams(flow: null, sequenced: true);
        figures.AddFairness(byTransactions: false);
    }
}
