using LoopBench.Core.Results;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>rr-under-load: an open-loop rr flow at a set rate (flow 0) beside N stream flows.</summary>
internal sealed class RrUnderLoadPattern : ITrafficPattern
{
    public PatternKind Kind => PatternKind.RrUnderLoad;

    public bool RequestResponse => true;

    public string PrimaryMetric => MetricIds.TransactionsPerSecond;

    public EndRole? DataSender => null;
}
