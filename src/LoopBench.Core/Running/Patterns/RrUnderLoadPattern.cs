using LoopBench.Core.Results;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>rr-under-load: an open-loop rr flow at a set rate (flow 0) beside N stream flows.</summary>
internal sealed class RrUnderLoadPattern : ITrafficPattern
{
    public PatternKind Kind => PatternKind.RrUnderLoad;

    public bool RequestResponse => true;


    public EndRole? DataSender => null;

    public void AddFlows(RepetitionFlows flows)
    {
        var p = flows.Parameters;
        var pair = flows.Connect(0, TrafficDirection.RequestResponse);
        flows.Add(new OpenLoopRequestResponseWorkload().CreateEnds(
            new WorkloadContext(p, flows.Open(pair.Client), flows.Open(pair.Server), flows.Window)
            { ClientReader = flows.Open(pair.Client), ClientSocket = pair.Client, ServerSocket = pair.Server }));
        for (int i = 1; i <= flows.Case.Parallel; i++)
        {
            flows.AddStreamFlow(i, FlowDirection.ClientToServer, p with { RatePerSecond = 0 }); // the load runs unpaced
        }
    }

    public IWorkload? SplitFlowWorkload(TransportKind transport, WorkloadParameters parameters) => null;

    public void AddMetrics(RepetitionFigures figures)
    {
        figures.AddTransactions();
        figures.AddSent();

        // the figures of its open-loop rr flow (flow 0), not of the load beside it; responses are counted, not sequenced
        figures.AddDatagrams(flow: 0, sequenced: false);
    }
}
