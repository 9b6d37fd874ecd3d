using System.Globalization;
using LoopBench.Core.Results;

namespace LoopBench.Core.Comparison;

/// <summary>Human figures for reports, invariant culture: "9.870 Gbit/s", "13.20 µs", "75.30k/s".</summary>
internal static class FigureText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A value of unit <paramref name="unit"/> (catalogue unit text, <see cref="MetricCatalog.UnitText(MetricInfo)"/>)
    /// for people, in the display unit <see cref="UnitScale"/> picks; text no unit writes gives a bare number.
    /// </summary>
    public static string Of(double value, string unit) => MetricCatalog.TryParseUnitText(unit, out var kind, out string? perWhat)
        ? UnitScale.Figure(kind, value) + (perWhat is null ? string.Empty : "/" + perWhat)
        : value.ToString("G4", Invariant);

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
}
