namespace LoopBench.Core.Calibration;

/// <summary>How a calibrate figure stands against its bound. Stable ids: <see cref="CalibrationOutcomes.ToId"/>.</summary>
public enum CalibrationOutcome
{
    /// <summary>The paired median is on the good side of the bound.</summary>
    Met = 1,

    /// <summary>The whole interval is on the bad side of the bound: significantly short of it.</summary>
    Missed = 2,

    /// <summary>The median is on the bad side but the interval reaches the bound, or the row lacked clean pairs.</summary>
    Inconclusive = 3,

    /// <summary>The figure has no bound on purpose; it is shown, not judged.</summary>
    Reported = 4,
}

/// <summary>Ids of <see cref="CalibrationOutcome"/>, as written to run.json and printed.</summary>
public static class CalibrationOutcomes
{
    /// <summary>Stable lowercase id: "met", "missed", "inconclusive", "reported".</summary>
    public static string ToId(this CalibrationOutcome outcome) => outcome switch
    {
        CalibrationOutcome.Met => "met",
        CalibrationOutcome.Missed => "missed",
        CalibrationOutcome.Inconclusive => "inconclusive",
        CalibrationOutcome.Reported => "reported",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>The outcome of an id, or false for any other text (a skipped or failed row's outcome).</summary>
    public static bool TryParse(string? id, out CalibrationOutcome outcome)
    {
        foreach (var candidate in Enum.GetValues<CalibrationOutcome>())
        {
            if (string.Equals(candidate.ToId(), id, StringComparison.Ordinal))
            {
                outcome = candidate;
                return true;
            }
        }

        outcome = default;
        return false;
    }

    /// <summary>A row's outcome from its figures': missed before inconclusive before met before reported.</summary>
    public static CalibrationOutcome Combine(IEnumerable<CalibrationOutcome> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var all = figures.ToList();
        return all.Contains(CalibrationOutcome.Missed) ? CalibrationOutcome.Missed
            : all.Contains(CalibrationOutcome.Inconclusive) ? CalibrationOutcome.Inconclusive
            : all.Contains(CalibrationOutcome.Met) ? CalibrationOutcome.Met
            : CalibrationOutcome.Reported;
    }
}
