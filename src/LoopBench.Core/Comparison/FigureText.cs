using System.Globalization;

namespace LoopBench.Core.Comparison;

/// <summary>Human figures for reports, invariant culture: "9.87 Gbit/s", "13.20 µs", "75.3k/s".</summary>
internal static class FigureText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A value of unit <paramref name="unit"/> (catalogue unit text) for people.</summary>
    public static string Of(double value, string unit) => unit switch
    {
        "bit/s" when Math.Abs(value) >= 1e9 => (value / 1e9).ToString("0.000", Invariant) + " Gbit/s",
        "bit/s" => (value / 1e6).ToString("0.000", Invariant) + " Mbit/s",
        "ns" when Math.Abs(value) >= 1e6 => (value / 1e6).ToString("0.000", Invariant) + " ms",
        "ns" => (value / 1e3).ToString("0.00", Invariant) + " µs",
        "1/s" when Math.Abs(value) >= 1e6 => (value / 1e6).ToString("0.000", Invariant) + "M/s",
        "1/s" when Math.Abs(value) >= 1e3 => (value / 1e3).ToString("0.00", Invariant) + "k/s",
        "1/s" => value.ToString("0.0", Invariant) + "/s",
        _ => value.ToString("G4", Invariant),
    };

    /// <summary>A ratio as a signed percentage change: 0.912 → "-8.8%".</summary>
    public static string Change(double ratio) => ratio <= 0 ? "-" : ((ratio - 1) * 100).ToString("+0.0;-0.0;0.0", Invariant) + "%";

    /// <summary>The ratio interval as changes, "[-10.2%, -7.1%]", or "unreachable".</summary>
    public static string Interval(MetricComparison row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.RatioLower is double lo && row.RatioUpper is double hi ? $"[{Change(lo)}, {Change(hi)}]" : "-";
    }

    /// <summary>The confidence as a percentage, "99.9%".</summary>
    public static string Confidence(double confidence) => (confidence * 100).ToString("0.####", Invariant) + "%";

    /// <summary>The verdict's stable id: "no-change", "regression".</summary>
    public static string Id(this Verdict verdict) => verdict switch
    {
        Verdict.NoChange => "no-change",
        Verdict.Improvement => "improvement",
        Verdict.Regression => "regression",
        _ => "inconclusive",
    };
}
