using System.Globalization;
using LoopBench.Core.Results;

namespace LoopBench.Core.Comparison;

/// <summary>
/// The smallest change that counts for one metric: a relative part (0.05 = 5%) and an absolute
/// noise floor in the metric's unit. The larger of the two applies to each case.
/// </summary>
/// <param name="Relative">Relative threshold, 0 to under 1.</param>
/// <param name="Absolute">Absolute floor in the metric's unit (ns, bit/s, 1/s); 0 for none.</param>
internal sealed record Threshold(double Relative, double Absolute)
{
    private static readonly (string Suffix, double Scale)[] TimeUnits =
        [("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)];

    private static readonly (string Suffix, double Scale)[] BitRateUnits =
        [("bit/s", 1), ("kbit/s", 1e3), ("Mbit/s", 1e6), ("Gbit/s", 1e9), ("bit", 1), ("kbit", 1e3), ("Mbit", 1e6), ("Gbit", 1e9)];

    private static readonly (string Suffix, double Scale)[] RateUnits = [("/s", 1), ("k/s", 1e3), ("M/s", 1e6)];

    /// <summary>The catalogue default for a metric.</summary>
    public static Threshold For(MetricInfo metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new Threshold(metric.RelativeThreshold, metric.AbsoluteFloor);
    }

    /// <summary>
    /// The relative change that counts against a baseline of <paramref name="baselineMedian"/>:
    /// max(relative, absolute / |baseline|), capped below 100%.
    /// </summary>
    public double EffectiveRelative(double baselineMedian)
    {
        double fromFloor = Absolute > 0 && baselineMedian != 0 ? Absolute / Math.Abs(baselineMedian) : 0;
        return Math.Min(0.99, Math.Max(Relative, fromFloor));
    }

    /// <summary>"5%", "5%|2us", "2us" (absolute only), "100Mbit/s".</summary>
    public override string ToString()
    {
        string relative = (Relative * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";
        return Absolute > 0 ? relative + "|" + Absolute.ToString("0.###", CultureInfo.InvariantCulture) : relative;
    }

    /// <summary>
    /// Parses "5%", "5%|2us", "2us" or "5%|100Mbit/s" for a metric of unit <paramref name="unit"/>.
    /// Throws <see cref="ComparisonInputException"/> naming the text and what is valid.
    /// </summary>
    public static Threshold Parse(string text, MetricUnitKind unit, Threshold defaults)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(defaults);
        double? relative = null, absolute = null;
        foreach (string raw in text.Split('|'))
        {
            string part = raw.Trim();
            if (part.EndsWith('%'))
            {
                relative = Number(part[..^1], text) / 100;
                if (relative is < 0 or >= 1)
                {
                    throw new ComparisonInputException($"threshold '{text}': a relative threshold must be from 0% to under 100%");
                }
            }
            else
            {
                absolute = ParseAbsolute(part, unit, text);
            }
        }

        return relative is null && absolute is null
            ? throw new ComparisonInputException($"threshold '{text}' is empty; expected e.g. 5% or 5%|2us")
            : new Threshold(relative ?? (absolute is null ? defaults.Relative : 0), absolute ?? (relative is null ? 0 : defaults.Absolute));
    }

    private static double ParseAbsolute(string part, MetricUnitKind unit, string text)
    {
        var units = unit switch
        {
            MetricUnitKind.Nanoseconds => TimeUnits,
            MetricUnitKind.BitsPerSecond => BitRateUnits,
            MetricUnitKind.PerSecond => RateUnits,
            _ => [(string.Empty, 1.0)],
        };

        // Longest suffix first, so "ms" is not read as "s" with a stray "m".
        foreach (var (suffix, scale) in units.OrderByDescending(u => u.Suffix.Length))
        {
            if (part.EndsWith(suffix, StringComparison.Ordinal) && part.Length > suffix.Length
                && double.TryParse(part[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= 0)
            {
                return value * scale;
            }
        }

        string valid = string.Join(", ", units.Select(u => "<n>" + u.Suffix));
        throw new ComparisonInputException($"threshold '{text}': cannot read '{part}'; expected <n>% and/or an absolute floor in {MetricUnits.Text(unit)} ({valid}), e.g. 5% or 5%|2us");
    }

    private static double Number(string digits, string text) =>
        double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new ComparisonInputException($"threshold '{text}': '{digits}%' is not a number; expected e.g. 5% or 5%|2us");
}
