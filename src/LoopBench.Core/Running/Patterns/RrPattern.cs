using LoopBench.Core.Results;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>rr: request/response ping-pong over one pair per flow, each round trip timed.</summary>
internal sealed class RrPattern : ITrafficPattern
{
    public PatternKind Kind => PatternKind.Rr;

    public bool RequestResponse => true;

    public string PrimaryMetric => MetricIds.TransactionsPerSecond;

    public EndRole? DataSender => null;
}
