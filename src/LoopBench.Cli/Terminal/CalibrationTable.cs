using System.Globalization;
using System.Text;
using LoopBench.Core;
using LoopBench.Core.Calibration;
using LoopBench.Core.Results;

namespace LoopBench.Cli.Terminal;

/// <summary>
/// Calibrate's table: one line per figure with both sides' medians, the paired ratio, its interval,
/// the bound and the outcome; per row the pairs used and disturbed and the host's load around them;
/// then a footer that says how to read it and, plainly, whether it can be quoted.
/// </summary>
internal static class CalibrationTable
{
    public static string Render(IReadOnlyList<CalibrationResult> results, double quietThresholdPercent, double steadySpreadPercent = ReferenceSteadiness.DefaultMaxSpreadPercent)
    {
        ArgumentNullException.ThrowIfNull(results);
        var table = new TextTable("row", "placement", "cc", "figure", "loopbench", "ref", "ratio", "95% CI", "bound", "outcome", "pairs", "outside%", "steal%", "ref spread%");
        foreach (var r in results)
        {
            if (r.Figures.Count == 0)
            {
                table.AddRow(r.RowId, r.Placement.ToId(), r.CongestionControl, "-", "-", "-", "-", "-", "-", r.Outcome.ToId(), Pairs(r), Load(r, outside: true), Load(r, outside: false), "-");
                continue;
            }

            bool first = true;
            foreach (var f in r.Figures)
            {
                table.AddRow(r.RowId, r.Placement.ToId(), r.CongestionControl, f.Figure, Value(f, f.LoopBenchValues), Value(f, f.ToolValues),
                    Ratio(f.Ratio), f.RatioLow is double lo && f.RatioHigh is double hi ? $"[{Ratio(lo)}, {Ratio(hi)}]" : "-", Bound(f), f.Outcome.ToId(),
                    first ? Pairs(r) : string.Empty, first ? Load(r, outside: true) : string.Empty, first ? Load(r, outside: false) : string.Empty,
                    first ? Spread(r) : string.Empty);
                first = false;
            }
        }

        var text = new StringBuilder(table.ToString());
        Footer(text, results, quietThresholdPercent, steadySpreadPercent);
        return text.ToString();
    }

    private static void Footer(StringBuilder text, IReadOnlyList<CalibrationResult> results, double threshold, double steadySpread)
    {
        string t = threshold.ToString("0.#", CultureInfo.InvariantCulture);
        string spread = steadySpread.ToString("0.#", CultureInfo.InvariantCulture);
        text.Append("ratio = median over clean pairs of LoopBench/reference, each pair one repetition of each back to back (which goes first")
            .Append(" alternates); 95% CI of that median: ")
            .Append(results.SelectMany(r => r.Figures).Select(f => f.IntervalMethod).FirstOrDefault(m => m is not null) ?? "none")
            .Append(" (distribution-free; below 6 pairs min..max, which covers less).\n");
        if (results.Any(r => r.Figures.Any(f => f.Absolute == true)))
        {
            text.Append("An absolute figure (ref -) is LoopBench's own value per pair, not a ratio: its median and CI stand in the ratio columns;")
                .Append(" the reference ran only to keep the pairs interleaved and the host gated.\n");
        }

        text.Append("Throughput in Gbit/s (10^9 bit/s), latency in µs, rates per second. Bound ≥: higher is better; ≤: lower is better (latency);")
            .Append(" a–b: inside the band.\n")
            .Append("met: median on the good side of the bound; missed: the whole CI on the bad side; inconclusive: in between, or too few clean")
            .Append(" pairs; reported: no bound on purpose.\n")
            .Append("pairs: clean/disturbed. outside%: CPU used outside LoopBench and the tool, % of one CPU (median/max over the pairs);")
            .Append(" steal% likewise. A pair above ").Append(t).Append("% in either is disturbed, kept in run.json, left out and run again.\n")
            .Append("ref spread%: the reference's own spread over the clean pairs, (upper - lower hinge) / median, of the row's first bounded")
            .Append(" figure; above ").Append(spread).Append("% the host was not steady.\n");

        var notQuotable = results.Where(r => r.Pairs.Count > 0 && r.Pairs.Count(p => !p.Disturbed) < r.PairsRequested).ToList();
        // A row short of clean pairs with none disturbed stopped on a failed run, not on the host's load.
        var loaded = notQuotable.Where(r => r.Pairs.Any(p => p.Disturbed)).ToList();
        var stopped = notQuotable.Where(r => !r.Pairs.Any(p => p.Disturbed)).ToList();
        if (loaded.Count > 0)
        {
            text.Append("THIS TABLE IS NOT QUOTABLE: ").Append(string.Join(", ", loaded.Select(r => r.RowId)))
                .Append(" could not get their clean pairs (outside load or steal above ").Append(t)
                .Append("% of one CPU); those rows are inconclusive. Quiet the host and run them again.\n");
        }

        if (stopped.Count > 0)
        {
            text.Append("THIS TABLE IS NOT QUOTABLE: ")
                .Append(string.Join(", ", stopped.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.RowId} stopped after {r.Pairs.Count} of {r.PairsRequested} pairs"))))
                .Append(" (a run failed; the Notes say why); those rows are inconclusive. Run them again.\n");
        }
        else if (loaded.Count == 0 && results.Any(r => r.Pairs.Any(p => p.Disturbed)))
        {
            text.Append("Some pairs were disturbed and replaced; every row still has its clean pairs.\n");
        }

        // Below the fewest pairs a spread needs, a swinging reference cannot show: such a table would pass for a steady host's.
        var unjudged = results.Where(r => r.PairsRequested is > 0 and < ReferenceSteadiness.MinimumValues
            && r.Figures.Any(f => f.BoundValue is not null && f.Absolute != true && f.PairRatios.Count > 0)).ToList();
        if (unjudged.Count > 0)
        {
            text.Append("THIS TABLE IS NOT QUOTABLE: ").Append(string.Join(", ", unjudged.Select(r => r.RowId)))
                .Append(Invariant($" ran fewer than {ReferenceSteadiness.MinimumValues} pairs, too few to show whether the host held steady"))
                .Append(" (the reference's spread) or to give a 95% CI. Run them with --reps 10.\n");
        }

        var unsteady = results.Where(r => r.Unsteady == true).ToList();
        if (unsteady.Count > 0)
        {
            text.Append("THIS TABLE IS NOT QUOTABLE: the reference's own figure spread more than ").Append(spread).Append("% in ")
                .Append(string.Join(", ", unsteady.Select(r => Invariant($"{r.RowId} ({ReferenceSteadiness.Judged(r.Figures)?.ReferenceSpreadPercent:0.#}%)"))))
                .Append(": the host was not steady, though outside load and steal stayed under ").Append(t)
                .Append("% (a neighbour under a VM shows in neither). Their ratios are paired and their CIs say how far they hold;")
                .Append(" their absolute figures are not a quiet host's. Quiet the host and run them again.\n");
        }

        var missed = results.Where(r => r.Outcome.Figures == CalibrationOutcome.Missed).Select(r => r.RowId).ToList();
        var inconclusive = results.Where(r => r.Outcome.Figures == CalibrationOutcome.Inconclusive).Select(r => r.RowId).ToList();
        if (missed.Count > 0)
        {
            text.Append("Missed (exit code 3): ").Append(string.Join(", ", missed)).Append('\n');
        }

        if (inconclusive.Count > 0)
        {
            text.Append("Inconclusive (does not fail the exit code; more pairs or a quieter host may settle it): ")
                .Append(string.Join(", ", inconclusive)).Append('\n');
        }

        var notes = results.Where(r => r.Note is not null).ToList();
        var reasons = results.Where(r => r.Reason is not null).ToList();
        var figureNotes = results.SelectMany(r => r.Figures.Where(f => f.Note is not null).Select(f => (r, f))).ToList();
        if (notes.Count + reasons.Count + figureNotes.Count > 0)
        {
            text.Append("Notes:\n");
        }

        foreach (var r in notes)
        {
            text.Append("  ").Append(r.RowId).Append(": ").Append(r.Note).Append('\n');
        }

        foreach (var r in reasons)
        {
            text.Append("  ").Append(r.RowId).Append(": ").Append(r.Reason).Append('\n');
        }

        foreach (var (r, f) in figureNotes)
        {
            text.Append("  ").Append(r.RowId).Append(' ').Append(f.Figure).Append(": ").Append(f.Note).Append('\n');
        }
    }

    private static string Pairs(CalibrationResult r) =>
        r.Pairs.Count == 0 ? "-" : Invariant($"{r.Pairs.Count(p => !p.Disturbed)}/{r.Pairs.Count(p => p.Disturbed)}");

    private static string Load(CalibrationResult r, bool outside)
    {
        if (r.Pairs.Count == 0)
        {
            return "-";
        }

        var values = r.Pairs.Select(p => outside ? p.Load.OutsidePercentOfOneCpu : p.Load.StealPercentOfOneCpu).ToList();
        return Invariant($"{Median(values):0.0}/{values.Max():0.0}");
    }

    private static string Spread(CalibrationResult r) =>
        ReferenceSteadiness.Judged(r.Figures)?.ReferenceSpreadPercent is double v ? Invariant($"{v:0.0}") : "-";

    private static string Bound(CalibrationFigureResult f) =>
        f.BoundValue is double v && f.BoundDirection is BoundDirection direction
            ? new CalibrationBound(direction, v, f.BoundHigh).ToString()
            : "none";

    private static string Ratio(double? value) => value is double v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Value(CalibrationFigureResult f, IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return "-";
        }

        double median = Median(values);
        return f.Figure switch
        {
            _ when f.Absolute == true => Ratio(median),
            ToolFigures.ThroughputBitsPerSecond => Figures.Gbits(median),
            ToolFigures.RttP50Ns or ToolFigures.RttP99Ns or ToolFigures.RttP999Ns => Figures.Micros(median),
            _ => Figures.Whole(median),
        };
    }

    private static double Median(IReadOnlyList<double> values) => RepetitionValues.Median(values);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
