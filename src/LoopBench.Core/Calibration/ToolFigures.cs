using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>
/// The figures calibrate compares. Where LoopBench has the metric, the id is LoopBench's own
/// (<see cref="MetricIds"/>), so a row reads the same name on both sides; tool parsers return their
/// figures under these ids.
/// </summary>
internal static class ToolFigures
{
    /// <summary>Received payload throughput, bit/s (1 Gbit = 10^9 bit).</summary>
    public const string ThroughputBitsPerSecond = MetricIds.ThroughputBitsPerSecond;

    /// <summary>UDP datagrams received per second (LoopBench derives it from received bytes ÷ datagram size).</summary>
    public const string DatagramsPerSecond = "receivedDatagramsPerSecond";

    /// <summary>Round trips (transactions) per second.</summary>
    public const string TransactionsPerSecond = MetricIds.TransactionsPerSecond;

    /// <summary>Median round trip, ns.</summary>
    public const string RttP50Ns = MetricIds.RttP50Ns;

    /// <summary>99th percentile round trip, ns.</summary>
    public const string RttP99Ns = MetricIds.RttP99Ns;

    /// <summary>99.9th percentile round trip, ns.</summary>
    public const string RttP999Ns = MetricIds.RttP999Ns;

    /// <summary>Round trips a tool's percentiles were computed from (sockperf's received messages in its valid window).</summary>
    public const string RttSamples = "rttSamples";
}
