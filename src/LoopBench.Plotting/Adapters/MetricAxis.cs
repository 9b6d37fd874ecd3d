using LoopBench.Core;
using LoopBench.Core.Results;

namespace LoopBench.Plotting.Adapters;

/// <summary>How a metric is shown on an axis: a display unit and the factor from the stored unit.</summary>
/// <param name="Metric">The metric id.</param>
/// <param name="Label">Axis label with its unit, e.g. "throughput (Gbit/s)".</param>
/// <param name="Factor">Stored value × factor = shown value.</param>
internal sealed record MetricAxis(string Metric, string Label, double Factor)
{
    /// <summary>The axis for <paramref name="metric"/>, scaled to <paramref name="largest"/> (in the stored unit).</summary>
    public static MetricAxis For(string metric, double largest)
    {
        var info = MetricCatalog.Find(metric);
        string what = Short(metric);
        if (info is null)
        {
            return new MetricAxis(metric, $"{what} (unit unknown)", 1.0);
        }

        var scale = UnitScale.For(info.Unit, largest);
        string unit = info.PerWhat is null ? scale.Unit : scale.Unit + "/" + info.PerWhat;
        return new MetricAxis(metric, $"{what} ({unit})", scale.Factor);
    }

    /// <summary>A short name for titles and axes: "throughput", "round trip p99"; else the id in words.</summary>
    public static string Short(string metric) => metric switch
    {
        MetricIds.ThroughputBitsPerSecond => "throughput",
        MetricIds.SentThroughputBitsPerSecond => "throughput (sender's count)",
        MetricIds.TransactionsPerSecond => "transactions",
        MetricIds.MessagesPerSecond => "sends",
        MetricIds.ConnectionsPerSecond => "connections",
        MetricIds.RttP50Ns => "round trip p50",
        MetricIds.RttP90Ns => "round trip p90",
        MetricIds.RttP99Ns => "round trip p99",
        MetricIds.RttP999Ns => "round trip p99.9",
        MetricIds.RttMeanNs => "round trip mean",
        _ => Words(metric),
    };

    /// <summary>"qdiscDropRatio" → "qdisc drop ratio": the id in words; the catalogue's description is too long for a title.</summary>
    private static string Words(string metric)
    {
        var text = new System.Text.StringBuilder(metric.Length + 8);
        foreach (char ch in metric)
        {
            if (char.IsUpper(ch) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(ch));
        }

        return text.ToString();
    }
}
