using System.Globalization;

namespace LoopBench.Core.Sandbox;

/// <summary>
/// Rates as tc writes them: "1gbit", "500mbit", "64kbit", "10mbps". Units follow tc(8): bit, kbit,
/// mbit, gbit, tbit are powers of 1000 bits; kibit, mibit, gibit powers of 1024 bits; bps, kbps,
/// mbps, gbps are BYTES per second (tc's own, surprising, convention).
/// </summary>
internal static class Bandwidth
{
    private static readonly (string Suffix, double BitsPerUnit)[] Units =
    [
        ("tbit", 1e12), ("gbit", 1e9), ("mbit", 1e6), ("kbit", 1e3), ("bit", 1),
        ("gibit", 1024.0 * 1024 * 1024), ("mibit", 1024.0 * 1024), ("kibit", 1024),
        ("gbps", 8e9), ("mbps", 8e6), ("kbps", 8e3), ("bps", 8),
    ];

    /// <summary>Parses a rate into bits per second; false with a reason when malformed or not positive.</summary>
    public static bool TryParseBitsPerSecond(string? text, out long bitsPerSecond, out string error)
    {
        bitsPerSecond = 0;
        string trimmed = (text ?? string.Empty).Trim().ToLowerInvariant();
        int end = 0;
        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] == '.'))
        {
            end++;
        }

        string suffix = trimmed[end..];
        var unit = Units.FirstOrDefault(u => u.Suffix == suffix);
        if (end == 0 || unit.Suffix is null
            || !double.TryParse(trimmed[..end], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
        {
            error = $"'{text}' is not a rate; use e.g. 1gbit, 500mbit, 64kbit (tc units: bit, kbit, mbit, gbit; bps = bytes/s)";
            return false;
        }

        double bits = Math.Round(number * unit.BitsPerUnit);
        if (bits < 1 || bits > 1e13)
        {
            error = $"rate '{text}' is out of range; use 1bit to 10tbit";
            return false;
        }

        bitsPerSecond = (long)bits;
        error = string.Empty;
        return true;
    }

    /// <summary>Parses a rate or throws <see cref="SandboxSettingsException"/> naming <paramref name="setting"/>.</summary>
    public static long ParseBitsPerSecond(string setting, string? text) =>
        TryParseBitsPerSecond(text, out long bits, out string error) ? bits : throw new SandboxSettingsException(setting, error);

    /// <summary>The shortest exact tc form: 1000000000 → "1gbit", 1500000 → "1500kbit". Round-trips through the parser.</summary>
    public static string Format(long bitsPerSecond)
    {
        foreach (var (suffix, factor) in Units.Take(5))
        {
            if (bitsPerSecond % (long)factor == 0)
            {
                return (bitsPerSecond / (long)factor).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return bitsPerSecond.ToString(CultureInfo.InvariantCulture) + "bit";
    }
}
