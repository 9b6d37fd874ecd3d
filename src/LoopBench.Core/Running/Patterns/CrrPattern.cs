using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>crr: connect, request, response, close, repeated over a listener per flow (netperf TCP_CRR).</summary>
internal sealed class CrrPattern : ITrafficPattern
{
    public PatternKind Kind => PatternKind.Crr;

    public bool RequestResponse => true;


    public EndRole? DataSender => null;

    public void AddFlows(RepetitionFlows flows)
    {
        for (int i = 0; i < flows.Case.Parallel; i++)
        {
            var listener = flows.OpenListener(i);
            var placeholder = new ConnectionSlot(null); // each transaction opens its own connection
            flows.Add(new ConnectRequestResponseWorkload().CreateEnds(
                new WorkloadContext(flows.Parameters, placeholder, placeholder, flows.Window) { Flow = i, Listener = listener, Open = flows.EngineOpen }));
        }
    }

    public IWorkload? SplitFlowWorkload(TransportKind transport, WorkloadParameters parameters) => null;

    public void AddMetrics(RepetitionFigures figures)
    {
        figures.AddTransactions();
        figures.AddConnections();
        figures.AddTimeWait();
        figures.AddFairness(byTransactions: true);
    }
}
