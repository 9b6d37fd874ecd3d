namespace LoopBench.Core.Results;

/// <summary>How a calibrate figure stands against its bound. Its ids are written to run.json and printed.</summary>
internal enum CalibrationOutcome
{
    /// <summary>The paired median is on the good side of the bound.</summary>
    [Id("met")]
    Met = 1,

    /// <summary>The whole interval is on the bad side of the bound: significantly short of it.</summary>
    [Id("missed")]
    Missed = 2,

    /// <summary>The median is on the bad side but the interval reaches the bound, or the row lacked clean pairs.</summary>
    [Id("inconclusive")]
    Inconclusive = 3,

    /// <summary>The figure has no bound on purpose; it is shown, not judged.</summary>
    [Id("reported")]
    Reported = 4,
}

/// <summary>Combining <see cref="CalibrationOutcome"/>s.</summary>
internal static class CalibrationOutcomes
{
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
