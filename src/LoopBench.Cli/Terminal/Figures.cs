using System.Globalization;

namespace LoopBench.Cli.Terminal;

/// <summary>Invariant-culture formatting of figures for people (files use the raw numbers).</summary>
internal static class Figures
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>bit/s as Gbit/s (1 Gbit = 10^9 bit).</summary>
    public static string Gbits(double bitsPerSecond) => (bitsPerSecond / 1e9).ToString("0.00", Invariant);

    /// <summary>A figure with two decimals.</summary>
    public static string Fixed2(double value) => value.ToString("0.00", Invariant);

    /// <summary>Nanoseconds as microseconds, or "-" when the figure was suppressed.</summary>
    public static string Micros(double? ns) => ns is double v ? (v / 1e3).ToString("0.00", Invariant) : "-";

    /// <summary>A count or rate with no decimals.</summary>
    public static string Whole(double value) => value.ToString("0", Invariant);

    /// <summary>Seconds with 3 decimals.</summary>
    public static string Seconds(long ns) => (ns / 1e9).ToString("0.000", Invariant);

    /// <summary>A byte count in IEC units, e.g. "7.53 GiB".</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        int unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return bytes.ToString(unit == 0 ? "0" : "0.00", Invariant) + " " + units[unit];
    }
}
