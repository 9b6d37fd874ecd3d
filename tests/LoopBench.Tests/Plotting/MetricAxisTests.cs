using LoopBench.Core.Results;
using LoopBench.Plotting.Adapters;

namespace LoopBench.Tests.Plotting;

public sealed class MetricAxisTests
{
    [Theory]
    [InlineData(MetricIds.ThroughputBitsPerSecond, 21.5e9, "throughput (Gbit/s)", 1e-9)]
    [InlineData(MetricIds.TransactionsPerSecond, 51_000, "transactions (k/s)", 1e-3)]
    [InlineData(MetricIds.RttP99Ns, 45_000, "round trip p99 (µs)", 1e-3)]
    [InlineData(MetricIds.ServiceDemandUsPerKiB, 0.02, "service demand us per ki b (µs/KiB)", 1)]
    [InlineData("someFutureMetric", 5, "some future metric (unit unknown)", 1)]
    public void For_Metric_LabelsTheUnitUnitScalePicks(string metric, double largest, string label, double factor)
    {
        var axis = MetricAxis.For(metric, largest);
        Assert.Equal(label, axis.Label);
        Assert.Equal(factor, axis.Factor, 15);
    }
}
