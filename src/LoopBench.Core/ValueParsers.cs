using System.Globalization;

namespace LoopBench.Core;

/// <summary>
/// Parsers for sizes and durations as people type them. Sizes: "64", "128K", "1MiB", "1.5M"
/// (K/Ki/KiB = 1024, KB = 1000, likewise M and G). Durations: a bare number is seconds (as in
/// iperf's -t), or a number with ns, us, ms, s, m or h.
/// </summary>
internal static class ValueParsers
{
    private static readonly (string Suffix, double Factor)[] SizeSuffixes =
    [
        ("kib", 1024), ("ki", 1024), ("k", 1024), ("kb", 1e3),
        ("mib", 1024 * 1024), ("mi", 1024 * 1024), ("m", 1024 * 1024), ("mb", 1e6),
        ("gib", 1024.0 * 1024 * 1024), ("gi", 1024.0 * 1024 * 1024), ("g", 1024.0 * 1024 * 1024), ("gb", 1e9),
        ("b", 1), (string.Empty, 1),
    ];

    private static readonly (string Suffix, double Ms)[] DurationSuffixes =
    [
        ("ns", 1e-6), ("us", 1e-3), ("µs", 1e-3), ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), (string.Empty, 1000),
    ];

    /// <summary>The sizes <see cref="TryParseBytes"/> accepts, as an ECMA-262 pattern (for the scenario schema).</summary>
    public static string SizePattern { get; } = Pattern(SizeSuffixes);

    /// <summary>The durations <see cref="TryParseDurationMs"/> accepts, as an ECMA-262 pattern (for the scenario schema).</summary>
    public static string DurationPattern { get; } = Pattern(DurationSuffixes);

    /// <summary>Parses a byte size; false with a reason when malformed.</summary>
    public static bool TryParseBytes(string? text, out long bytes, out string error)
    {
        bytes = 0;
        if (!TrySplit(text, SizeSuffixes, out double number, out double factor))
        {
            error = $"'{text}' is not a size; use e.g. 64, 128K, 1MiB";
            return false;
        }

        double value = Math.Round(number * factor);
        if (value > long.MaxValue / 2 || value < long.MinValue / 2)
        {
            error = $"'{text}' is too large";
            return false;
        }

        bytes = (long)value;
        error = string.Empty;
        return true;
    }

    /// <summary>True when <paramref name="text"/> is a duration of exactly zero ("0", "0s"), not one that rounds to 0 ms.</summary>
    public static bool IsZeroDuration(string? text) => TrySplit(text, DurationSuffixes, out double number, out _) && number == 0;

    /// <summary>Parses a duration into milliseconds; false with a reason when malformed.</summary>
    public static bool TryParseDurationMs(string? text, out long milliseconds, out string error)
    {
        milliseconds = 0;
        if (!TrySplit(text, DurationSuffixes, out double number, out double factor))
        {
            error = $"'{text}' is not a duration; use e.g. 10 (seconds), 500ms, 2s, 1m";
            return false;
        }

        double value = Math.Round(number * factor);
        if (value > 1e12 || value < -1e12)
        {
            error = $"'{text}' is too long";
            return false;
        }

        milliseconds = (long)value;
        error = string.Empty;
        return true;
    }

    private static bool TrySplit(string? text, (string Suffix, double Factor)[] suffixes, out double number, out double factor)
    {
        number = 0;
        factor = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string trimmed = text.Trim();
        int end = 0;
        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] is '.' or '-' or '+'))
        {
            end++;
        }

        string suffix = trimmed[end..].Trim().ToLowerInvariant();
        foreach (var (candidate, f) in suffixes)
        {
            if (suffix == candidate)
            {
                factor = f;
                return double.TryParse(trimmed[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
            }
        }

        return false;
    }

    /// <summary>What <see cref="TrySplit"/> accepts: a number, then one suffix of the table in any case (it lowercases the suffix).</summary>
    private static string Pattern((string Suffix, double Factor)[] suffixes)
    {
        var alternatives = suffixes.Where(s => s.Suffix.Length > 0).Select(s => s.Suffix).OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal);
        return @"^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)\s*(" + string.Join('|', alternatives.Select(AnyCase)) + @")?\s*$";
    }

    private static string AnyCase(string suffix) => string.Concat(suffix.Select(ch =>
        char.ToUpperInvariant(ch) is var upper && upper != ch && char.ToLowerInvariant(upper) == ch ? $"[{ch}{upper}]" : ch.ToString(CultureInfo.InvariantCulture)));
}
