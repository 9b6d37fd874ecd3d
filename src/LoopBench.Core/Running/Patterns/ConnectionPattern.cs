using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>
/// A connection per transaction over a listener per flow: crr (connect, request, response, close;
/// netperf TCP_CRR) and cc (connect, close, no data; netperf TCP_CC). What happens on each
/// connection is the workload's; the flows and the figures (connections/s, connect latency,
/// TIME_WAIT) are the same for both.
/// </summary>
internal sealed class ConnectionPattern(PatternKind kind, Func<IWorkload> workload) : ITrafficPattern
{
    public PatternKind Kind => kind;

    public bool RequestResponse => true;

    public EndRole? DataSender => null;

    public void AddFlows(RepetitionFlows flows)
    {
        for (int i = 0; i < flows.Case.Parallel; i++)
        {
            var listener = flows.OpenListener(i); // applies and records the knobs per connection
            var placeholder = new ConnectionSlot(null); // each transaction opens its own connection
            flows.Add(workload().CreateEnds(
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
