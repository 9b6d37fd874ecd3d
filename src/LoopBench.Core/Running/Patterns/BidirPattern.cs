using LoopBench.Core.Results;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>bidir: both directions at once, a pair per direction or one shared pair per flow.</summary>
internal sealed class BidirPattern : ITrafficPattern
{
    public PatternKind Kind => PatternKind.Bidir;

    public bool RequestResponse => false;

    public string PrimaryMetric => MetricIds.ThroughputBitsPerSecond;

    public EndRole? DataSender => null;
}
