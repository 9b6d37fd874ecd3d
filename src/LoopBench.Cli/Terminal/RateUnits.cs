namespace LoopBench.Cli.Terminal;

/// <summary>iperf3's -f letters for <see cref="RateUnit"/>, its column label, and the formatted figure.</summary>
internal static class RateUnits
{
    /// <summary>The letters -f takes; case matters, as in iperf3 (k = Kbit/s, K = KiB/s).</summary>
    public const string Letters = "k, m, g (Kbit/s, Mbit/s, Gbit/s) or K, M, G (KiB/s, MiB/s, GiB/s)";

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
    public static string Label(this RateUnit unit) => unit switch
    {
        RateUnit.Kbit => "Kbit/s",
        RateUnit.Mbit => "Mbit/s",
        RateUnit.Gbit => "Gbit/s",
        RateUnit.KiByte => "KiB/s",
        RateUnit.MiByte => "MiB/s",
        RateUnit.GiByte => "GiB/s",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown rate unit"),
    };

    /// <summary>bit/s in <paramref name="unit"/>, two decimals, invariant culture.</summary>
    public static string Format(double bitsPerSecond, RateUnit unit) => unit switch
    {
        RateUnit.Kbit => Figures.Fixed2(bitsPerSecond / 1e3),
        RateUnit.Mbit => Figures.Fixed2(bitsPerSecond / 1e6),
        RateUnit.Gbit => Figures.Gbits(bitsPerSecond),
        RateUnit.KiByte => Figures.Fixed2(bitsPerSecond / 8 / 1024),
        RateUnit.MiByte => Figures.Fixed2(bitsPerSecond / 8 / (1024 * 1024)),
        RateUnit.GiByte => Figures.Fixed2(bitsPerSecond / 8 / (1024 * 1024 * 1024)),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown rate unit"),
    };
}
