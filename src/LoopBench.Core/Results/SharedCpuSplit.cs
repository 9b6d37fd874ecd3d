using System.Globalization;

namespace LoopBench.Core.Results;

/// <summary>
/// Says when the scheduler put every end of a case on one CPU in some repetitions and not in others.
/// On loopback that choice alone can move a figure several-fold (a 64 B TCP ping-pong takes about 13 µs
/// with both ends on one CPU and 60 µs across two on a small VM), so a CV without it reads as noise.
/// </summary>
internal static class SharedCpuSplit
{
    /// <summary>
    /// A warning naming the repetitions whose ends /proc saw only on one and the same CPU, and the others,
    /// with the median of <paramref name="primary"/> in each group; null when every repetition had the same
    /// kind, when every end was pinned, or without CPU observations.
    /// </summary>
    public static string? Describe(IReadOnlyList<RepetitionResult> passed, string? primary)
    {
        ArgumentNullException.ThrowIfNull(passed);
        var observed = Observed(passed);
        if (primary is null || observed.Count < 2 || observed.All(AllPinned))
        {
            return null;
        }

        var shared = observed.Where(OnOneCpu).ToList();
        var apart = observed.Except(shared).ToList();
        if (shared.Count == 0 || apart.Count == 0)
        {
            return null;
        }

        return $"placement varied: every end ran on one CPU in {Group(shared, primary)}, and not in {Group(apart, primary)}. "
            + "The scheduler chose this, and on loopback it moves the figures more than noise does; pin the ends "
            + "(placement: same-cpu or split; quick -A N,M) to measure one placement at a time";
    }

    /// <summary>
    /// For compare: how many repetitions of each side had every end on one CPU, when the two sides' shares
    /// differ (a changed figure may then be the scheduler's doing, not the change's); null when they match,
    /// when every end was pinned, or without CPU observations on a side.
    /// </summary>
    public static string? Contrast(IReadOnlyList<RepetitionResult> baseline, IReadOnlyList<RepetitionResult> candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var (b, c) = (Observed(baseline), Observed(candidate));
        int bs = b.Count(OnOneCpu), cs = c.Count(OnOneCpu);
        if (b.Count == 0 || c.Count == 0 || bs * c.Count == cs * b.Count || b.Concat(c).All(AllPinned))
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"placement differs: every end on one CPU in {bs}/{b.Count} baseline and {cs}/{c.Count} candidate repetitions, which alone moves loopback figures; pin the ends");
    }

    /// <summary>Two ends or more, each seen, at every interval's look, on the same single CPU.</summary>
    public static bool OnOneCpu(RepetitionResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Ends.Count > 1 && r.Ends[0].CpusObserved.Count == 1
            && r.Ends.All(e => e.CpusObserved.Count == 1 && e.CpusObserved[0] == r.Ends[0].CpusObserved[0]);
    }

    private static List<RepetitionResult> Observed(IEnumerable<RepetitionResult> reps) =>
        reps.Where(r => !r.Interrupted && r.Ends.Count > 0 && r.Ends.All(e => e.CpusObserved.Count > 0)).ToList();

    private static bool AllPinned(RepetitionResult r) => r.Ends.All(e => e.CpuRequested is not null);

    private static string Group(List<RepetitionResult> reps, string primary)
    {
        double[] values = PrimaryMetric.Values(reps, primary);
        string which = (reps.Count == 1 ? "repetition " : "repetitions ") + string.Join(", ", reps.Select(r => r.Index + 1));
        return values.Length == 0 ? which
            : string.Create(CultureInfo.InvariantCulture,
                $"{which} ({(values.Length == 1 ? string.Empty : "median ")}{RunSummary.Format(primary, RepetitionValues.Median(values))} {RunSummary.UnitText(primary) ?? primary})");
    }
}
