using LoopBench.Core.Results;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>rr: request/response ping-pong over one pair per flow, each round trip timed.</summary>
internal sealed class RrPattern : ITrafficPattern
{
    public PatternKind Kind => PatternKind.Rr;

    public bool RequestResponse => true;

    public EndRole? DataSender => null;

    public void AddFlows(RepetitionFlows flows)
    {
        var c = flows.Case;
        int clientTimeout = c.RrTimeoutMs is long ms ? (int)ms : RepetitionFlows.DatagramIdleTimeoutMs;
        for (int i = 0; i < c.Parallel; i++)
        {
            var pair = flows.Connect(i, TrafficDirection.RequestResponse);
            if (c.Transport.IsConnectionless())
            {
                pair.Client.ReceiveTimeout = clientTimeout;
            }

            flows.Add(WorkloadFactory.RequestResponse(c.Transport).CreateEnds(
                new WorkloadContext(flows.Parameters, flows.Open(pair.Client), flows.Open(pair.Server), flows.Window)
                { Flow = i, ClientSocket = pair.Client, ServerSocket = pair.Server }));
        }
    }

    public IWorkload? SplitFlowWorkload(TransportKind transport, WorkloadParameters parameters) =>
        WorkloadFactory.RequestResponse(transport);

    public void AddMetrics(RepetitionFigures figures)
    {
        figures.AddTransactions();
        figures.AddDatagramTimeouts();
        figures.AddFairness(byTransactions: true);
        figures.AddStamps();
    }
}
