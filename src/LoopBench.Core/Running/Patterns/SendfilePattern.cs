using LoopBench.Core.Results;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>
/// sendfile: one-way bulk transfer, client to server, one pair per flow; every flow's client sends
/// chunks of one shared temp file with sendfile(2) (netperf TCP_SENDFILE). Metrics as stream.
/// </summary>
internal sealed class SendfilePattern : ITrafficPattern
{
    public PatternKind Kind => PatternKind.Sendfile;

    public bool RequestResponse => false;

    public EndRole? DataSender => EndRole.Client;

    public void AddFlows(RepetitionFlows flows)
    {
        var p = flows.Parameters;

        // sendfile takes the offset per call and leaves the file position alone, so one file serves every flow.
        var source = SendfileSource.Create(p.MessageBytes);
        flows.Owned.Add(source); // first in, so closed after the sockets that send it
        for (int i = 0; i < flows.Case.Parallel; i++)
        {
            var pair = flows.Connect(i, TrafficDirection.ClientToServer);
            flows.Add(new SendfileWorkload(source).CreateEnds(
                new WorkloadContext(p, flows.Open(pair.Client), flows.Open(pair.Server), flows.Window)
                { Flow = i, ClientSocket = pair.Client, ServerSocket = pair.Server }));
        }
    }

    public IWorkload? SplitFlowWorkload(TransportKind transport, WorkloadParameters parameters) => null;

    public void AddMetrics(RepetitionFigures figures)
    {
        figures.AddSent();
        figures.AddFairness(byTransactions: false);
    }
}
