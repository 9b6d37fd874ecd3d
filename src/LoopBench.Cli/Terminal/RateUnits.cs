using LoopBench.Core;

namespace LoopBench.Cli.Terminal;

/// <summary>iperf3's -f letters for <see cref="RateUnit"/>, its column label, and the formatted figure.</summary>
internal static class RateUnits
{
    private const double BitsPerByte = 8;

    /// <summary>The letters -f takes; case matters, as in iperf3 (k = kbit/s, K = KiB/s).</summary>
    public const string Letters = "k, m, g (kbit/s, Mbit/s, Gbit/s) or K, M, G (KiB/s, MiB/s, GiB/s)";

    public static bool TryParse(string? text, out RateUnit unit)
    {
        (bool ok, unit) = text?.Trim() switch
        {
            "k" => (true, RateUnit.Kbit),
            "m" => (true, RateUnit.Mbit),
            "g" => (true, RateUnit.Gbit),
            "K" => (true, RateUnit.KiByte),
            "M" => (true, RateUnit.MiByte),
            "G" => (true, RateUnit.GiByte),
            _ => (false, RateUnit.Gbit),
        };
        return ok;
    }

    /// <summary>"Gbit/s", "MiB/s", …</summary>
    public static string Label(this RateUnit unit) => IsBytes(unit) ? Scale(unit).Unit + "/s" : Scale(unit).Unit;

    /// <summary>bit/s in <paramref name="unit"/>, two decimals, invariant culture.</summary>
    public static string Format(double bitsPerSecond, RateUnit unit) =>
        Scale(unit).Number(IsBytes(unit) ? bitsPerSecond / BitsPerByte : bitsPerSecond, "0.00");

    private static bool IsBytes(RateUnit unit) => unit is RateUnit.KiByte or RateUnit.MiByte or RateUnit.GiByte;

    /// <summary>The display unit of <paramref name="unit"/>: bit rates scale bit/s, byte rates scale bytes (per second).</summary>
    private static UnitScale Scale(RateUnit unit) => unit switch
    {
        RateUnit.Kbit => UnitScale.Named(MetricUnitKind.BitsPerSecond, "kbit/s"),
        RateUnit.Mbit => UnitScale.Named(MetricUnitKind.BitsPerSecond, "Mbit/s"),
        RateUnit.Gbit => UnitScale.Named(MetricUnitKind.BitsPerSecond, "Gbit/s"),
        RateUnit.KiByte => UnitScale.Named(MetricUnitKind.Bytes, "KiB"),
        RateUnit.MiByte => UnitScale.Named(MetricUnitKind.Bytes, "MiB"),
        RateUnit.GiByte => UnitScale.Named(MetricUnitKind.Bytes, "GiB"),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown rate unit"),
    };
}
