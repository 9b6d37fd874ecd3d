using LoopBench.Core.Results;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>crr: connect, request, response, close, repeated over a listener per flow (netperf TCP_CRR).</summary>
internal sealed class CrrPattern : ITrafficPattern
{
    public PatternKind Kind => PatternKind.Crr;

    public bool RequestResponse => true;

    public string PrimaryMetric => MetricIds.TransactionsPerSecond;

    public EndRole? DataSender => null;
}
