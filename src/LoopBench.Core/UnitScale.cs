using System.Globalization;

namespace LoopBench.Core;

/// <summary>
/// One display unit of a metric: its text, how many stored units make one of it, and how a figure in
/// it is written. The table below is the only place that picks a display unit: terminal, reports,
/// chart axes and JUnit all read it, so "Gbit/s" or "k/s" is spelled and switched at one magnitude.
/// </summary>
/// <param name="Kind">The stored unit.</param>
/// <param name="Unit">The unit as people read it: "Gbit/s", "µs", "k/s", "MiB"; the catalogue's text for ratio and count.</param>
/// <param name="PerUnit">Stored units in one display unit: 1e9 for Gbit/s from bit/s; also the smallest magnitude shown in it.</param>
/// <param name="Format">Number format of a figure in this unit.</param>
/// <param name="Suffix">What follows the number in a figure: " Gbit/s", "k/s" (a rate reads as one word), "" for ratio and count.</param>
internal sealed record UnitScale(MetricUnitKind Kind, string Unit, double PerUnit, string Format, string Suffix)
{
    private const double Kibi = 1024;
    private const string Spaced = " ";
    private const string Joined = "";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // One line a kind, largest unit first: a magnitude is shown in the first unit it reaches one of,
    // and in the last (smallest) unit when it reaches none (0, NaN, 0.5 ns).
    private static readonly UnitScale[] Table =
    [
        .. Steps(MetricUnitKind.BitsPerSecond, Spaced, ("Gbit/s", 1e9, "0.000"), ("Mbit/s", 1e6, "0.000"), ("kbit/s", 1e3, "0.000")),
        .. Steps(MetricUnitKind.Nanoseconds, Spaced, ("s", 1e9, "0.000"), ("ms", 1e6, "0.000"), ("µs", 1e3, "0.00")),

        // CPU time and service demand: "0.0123 µs/KiB" needs significant digits, not fixed decimals.
        .. Steps(MetricUnitKind.Microseconds, Spaced, ("s", 1e6, "0.000"), ("ms", 1e3, "0.000"), ("µs", 1, "G4")),
        .. Steps(MetricUnitKind.PerSecond, Joined, ("M/s", 1e6, "0.000"), ("k/s", 1e3, "0.00"), ("/s", 1, "0.0")),
        .. Steps(MetricUnitKind.Bytes, Spaced, ("TiB", Kibi * Kibi * Kibi * Kibi, "0.00"), ("GiB", Kibi * Kibi * Kibi, "0.00"), ("MiB", Kibi * Kibi, "0.00"), ("KiB", Kibi, "0.00"), ("B", 1, "0")),
        .. Steps(MetricUnitKind.Percent, Joined, ("%", 1, "0.0")),

        // A ratio or a count is a bare number in a figure; an axis still names it.
        new(MetricUnitKind.Ratio, MetricUnits.Text(MetricUnitKind.Ratio), 1, "G4", string.Empty),
        new(MetricUnitKind.Count, MetricUnits.Text(MetricUnitKind.Count), 1, "G4", string.Empty),
    ];

    /// <summary>Stored value × factor = shown value (for axes, which scale points rather than format them).</summary>
    public double Factor => 1 / PerUnit;

    /// <summary>The unit to show values of <paramref name="kind"/> around <paramref name="magnitude"/> in; the sign is ignored.</summary>
    public static UnitScale For(MetricUnitKind kind, double magnitude)
    {
        double size = Math.Abs(magnitude);
        UnitScale? last = null;
        foreach (var row in Table)
        {
            if (row.Kind != kind)
            {
                continue;
            }

            if (size >= row.PerUnit)
            {
                return row;
            }

            last = row;
        }

        return last ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "no display unit for this metric unit");
    }

    /// <summary>The fixed unit <paramref name="unit"/> of <paramref name="kind"/>, for columns whose header names it ("Gbit/s", "µs").</summary>
    public static UnitScale Named(MetricUnitKind kind, string unit) =>
        Array.Find(Table, row => row.Kind == kind && row.Unit == unit)
        ?? throw new ArgumentOutOfRangeException(nameof(unit), unit, $"no display unit '{unit}' for {kind}");

    /// <summary><paramref name="value"/> (stored unit) in its own display unit, e.g. "13.20 µs", "75.30k/s".</summary>
    public static string Figure(MetricUnitKind kind, double value) => For(kind, value).Figure(value);

    /// <summary><paramref name="value"/> (stored unit) in this unit with its text: "13.20 µs".</summary>
    public string Figure(double value) => Figure(value, Format);

    /// <summary><paramref name="value"/> (stored unit) in this unit with its text, in <paramref name="format"/>: "13 µs".</summary>
    public string Figure(double value, string format) => Number(value, format) + Suffix;

    /// <summary><paramref name="value"/> (stored unit) in this unit as a bare number in its own format, for a column whose header names the unit.</summary>
    public string Number(double value) => Number(value, Format);

    /// <summary><paramref name="value"/> (stored unit) in this unit as a bare number in <paramref name="format"/>.</summary>
    public string Number(double value, string format) => Scale(value).ToString(format, Invariant);

    /// <summary><paramref name="value"/> (stored unit) in this unit, for a chart that draws it: 13200 ns → 13.2 (µs).</summary>
    public double Scale(double value) => value / PerUnit;

    private static IEnumerable<UnitScale> Steps(MetricUnitKind kind, string separator, params (string Unit, double PerUnit, string Format)[] steps) =>
        steps.Select(step => new UnitScale(kind, step.Unit, step.PerUnit, step.Format, separator + step.Unit));
}
