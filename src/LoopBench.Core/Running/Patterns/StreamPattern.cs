using LoopBench.Core.Results;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>stream: one-way bulk transfer, client to server, one pair per flow (paced datagrams on datagram transports).</summary>
internal sealed class StreamPattern : ITrafficPattern
{
    public PatternKind Kind => PatternKind.Stream;

    public bool RequestResponse => false;

    public string PrimaryMetric => MetricIds.ThroughputBitsPerSecond;

    public EndRole? DataSender => EndRole.Client;
}
