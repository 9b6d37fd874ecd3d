using System.Globalization;
using LoopBench.Core;

namespace LoopBench.Cli.Terminal;

/// <summary>
/// Invariant-culture formatting of figures for people (files use the raw numbers). Columns whose header
/// names the unit use a fixed unit; its factor and text come from <see cref="UnitScale"/>, like every other figure's.
/// </summary>
internal static class Figures
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly UnitScale Gigabits = UnitScale.Named(MetricUnitKind.BitsPerSecond, "Gbit/s");
    private static readonly UnitScale MicrosFromNs = UnitScale.Named(MetricUnitKind.Nanoseconds, "µs");
    private static readonly UnitScale SecondsFromNs = UnitScale.Named(MetricUnitKind.Nanoseconds, "s");

    /// <summary>bit/s as Gbit/s (1 Gbit = 10^9 bit).</summary>
    public static string Gbits(double bitsPerSecond) => Gigabits.Number(bitsPerSecond, "0.00");

    /// <summary>A figure with two decimals.</summary>
    public static string Fixed2(double value) => value.ToString("0.00", Invariant);

    /// <summary>Nanoseconds as microseconds, or "-" when the figure was suppressed.</summary>
    public static string Micros(double? ns) => ns is double v ? MicrosFromNs.Number(v, "0.00") : "-";

    /// <summary>A count or rate with no decimals.</summary>
    public static string Whole(double value) => value.ToString("0", Invariant);

    /// <summary>Seconds with 3 decimals.</summary>
    public static string Seconds(long ns) => SecondsFromNs.Number(ns, "0.000");

    /// <summary>A byte count in IEC units, e.g. "7.53 GiB".</summary>
    public static string Bytes(double bytes) => UnitScale.Figure(MetricUnitKind.Bytes, bytes);
}
