using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>
/// Whether the host held steady over a row: the reference's own spread over the clean pairs,
/// (upper hinge − lower hinge) / median in %. The quiet-host gate sees CPU used inside this
/// machine and the steal the hypervisor reports; a neighbour on the machine under a VM can show in
/// neither and still make every run swing (iperf3 moving 17 Gbit/s in one 2 s window and 37 in the
/// next). The reference, an unchanged C tool run the same way each time, is the probe: when its own
/// figures spread, the host was not the quiet one the table claims, whatever the gate read.
/// </summary>
/// <remarks>
/// Tukey's hinges (the medians of the lower and upper halves) rather than a standard deviation: one
/// wild pair moves neither, and at 10 pairs they are x(3) and x(8).
/// </remarks>
internal static class ReferenceSteadiness
{
    /// <summary>Default bound on the reference's spread: 10 %.</summary>
    public const double DefaultMaxSpreadPercent = 10;

    /// <summary>The fewest values a spread is computed from: 4 (two per half).</summary>
    public const int MinimumValues = 4;

    /// <summary>(upper hinge − lower hinge) / median of <paramref name="values"/>, %; null below <see cref="MinimumValues"/> values or a median of 0.</summary>
    public static double? SpreadPercent(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < MinimumValues)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        int half = sorted.Length / 2; // an odd count's middle value belongs to neither half
        double lower = RepetitionValues.MedianOfSorted(sorted[..half]);
        double upper = RepetitionValues.MedianOfSorted(sorted[^half..]);
        double median = RepetitionValues.MedianOfSorted(sorted);
        return median > 0 ? Math.Round((upper - lower) / median * 100, 1) : null;
    }

    /// <summary>
    /// The figure that speaks for a row's steadiness: its first bounded figure with a reference
    /// (throughput, datagrams/s, p50); null when none has a spread (absolute figures, too few pairs).
    /// </summary>
    public static CalibrationFigureResult? Judged(IReadOnlyList<CalibrationFigureResult> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return figures.FirstOrDefault(f => f.BoundValue is not null && f.ReferenceSpreadPercent is not null);
    }

    /// <summary>True when the row's judged figure spread more than <paramref name="maxSpreadPercent"/>.</summary>
    public static bool IsUnsteady(IReadOnlyList<CalibrationFigureResult> figures, double maxSpreadPercent) =>
        Judged(figures)?.ReferenceSpreadPercent > maxSpreadPercent;
}
