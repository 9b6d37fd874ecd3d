using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>
/// cc: connect, then close, no data, repeated over a listener per flow (netperf TCP_CC). Figures as
/// crr's connections: connections/s, connect(2) latency, TIME_WAIT; no bytes.
/// </summary>
internal sealed class CcPattern : ITrafficPattern
{
    public PatternKind Kind => PatternKind.Cc;

    public bool RequestResponse => true;

    public EndRole? DataSender => null;

    public void AddFlows(RepetitionFlows flows)
    {
        for (int i = 0; i < flows.Case.Parallel; i++)
        {
            var listener = flows.OpenListener(i); // applies and records the knobs per connection
            var placeholder = new ConnectionSlot(null); // each transaction opens its own connection
            flows.Add(new ConnectCloseWorkload().CreateEnds(
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
