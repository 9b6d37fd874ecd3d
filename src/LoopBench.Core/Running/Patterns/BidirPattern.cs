using LoopBench.Core.Results;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>bidir: both directions at once, a pair per direction or one shared pair per flow.</summary>
internal sealed class BidirPattern : ITrafficPattern
{
    private static readonly FlowDirection[] BothWays = [FlowDirection.ClientToServer, FlowDirection.ServerToClient];

    public PatternKind Kind => PatternKind.Bidir;

    public bool RequestResponse => false;


    public EndRole? DataSender => null;

    public void AddFlows(RepetitionFlows flows)
    {
        var c = flows.Case;
        var p = flows.Parameters;
        for (int i = 0; i < c.Parallel; i++)
        {
            if (c.BidirMode != BidirMode.Shared)
            {
                flows.AddStreamFlow(i, FlowDirection.ClientToServer, p);
                flows.AddStreamFlow(i, FlowDirection.ServerToClient, p);
                continue;
            }

            var pair = flows.Connect(i, TrafficDirection.Both);
            foreach (var direction in BothWays)
            {
                flows.Add(WorkloadFactory.Stream(c.Transport, p).CreateEnds(
                    new WorkloadContext(p, flows.Open(pair.Client), flows.Open(pair.Server), flows.Window)
                    { Flow = i, Direction = direction, ClientSocket = pair.Client, ServerSocket = pair.Server }));
            }
        }
    }

    public IWorkload? SplitFlowWorkload(TransportKind transport, WorkloadParameters parameters) => null;

    public void AddMetrics(RepetitionFigures figures)
    {
        figures.AddSent();
        figures.AddDatagrams(flow: null, sequenced: true);
        figures.AddFairness(byTransactions: false);
        figures.AddDirections();
    }
}
