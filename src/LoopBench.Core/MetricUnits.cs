namespace LoopBench.Core;

/// <summary>The units' short texts, for figures and axes and for the catalogue's unit column.</summary>
internal static class MetricUnits
{
    /// <summary>The unit as short text: "bit/s", "1/s", "ns", "B", "count", "ratio".</summary>
    public static string Text(MetricUnitKind unit) => unit switch
    {
        MetricUnitKind.BitsPerSecond => "bit/s",
        MetricUnitKind.PerSecond => "1/s",
        MetricUnitKind.Nanoseconds => "ns",
        MetricUnitKind.Bytes => "B",
        MetricUnitKind.Count => "count",
        MetricUnitKind.Microseconds => "us",
        MetricUnitKind.Percent => "%",
        _ => "ratio",
    };
}
