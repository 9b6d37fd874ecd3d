using LoopBench.Core.Results;

namespace LoopBench.Core.Comparison;

/// <summary>
/// From interval to verdict. With w the change in the worse direction and [wl, wh] its interval:
/// <list type="bullet">
/// <item>significant (the interval excludes no change, or Holm rejects) and the estimate worse than
/// the threshold: <c>regression</c>; better than the threshold: <c>improvement</c>; within it:
/// <c>no-change</c> (real but too small to matter);</item>
/// <item>not significant and the whole interval inside the threshold band: <c>no-change</c>;</item>
/// <item>otherwise, or when the sample sizes cannot reach α at all: <c>inconclusive</c>.</item>
/// </list>
/// A false regression therefore needs a significant test at α, so a report of k tests raises one
/// with probability at most k·α (Bonferroni) — or α with Holm.
/// </summary>
internal static class VerdictRules
{
    /// <summary>Each test's α and, under Holm, whether the step-down rejects it (null: decide from the interval).</summary>
    public static IReadOnlyList<(double Alpha, bool? Significant)> TestAlphas(IReadOnlyList<PendingTest> tests, ComparisonOptions options)
    {
        if (options.Control == ErrorControl.PerTest)
        {
            return tests.Select(_ => (options.Alpha, (bool?)null)).ToList();
        }

        var pValues = tests.Select(t => ShiftEstimator.Estimate(t.Baseline, t.Candidate, options.Alpha).PValue).ToArray();
        var order = Enumerable.Range(0, tests.Count).OrderBy(i => pValues[i]).ToArray();
        var result = new (double Alpha, bool? Significant)[tests.Count];
        bool stillRejecting = true;
        for (int rank = 0; rank < order.Length; rank++)
        {
            int i = order[rank];
            double alpha = options.Alpha / (tests.Count - rank);
            stillRejecting &= pValues[i] <= 2 * alpha; // two-sided p ≤ 2α ⇔ the nearer tail ≤ α
            result[i] = (alpha, stillRejecting);
        }

        return result;
    }

    public static (string Key, MetricComparison Result) Judge(PendingTest test, double alpha, bool? holmSignificant)
    {
        var info = test.Metric;
        double baselineMedian = RepetitionValues.Median(test.Baseline);
        double candidateMedian = RepetitionValues.Median(test.Candidate);
        double relative = test.Threshold.EffectiveRelative(baselineMedian);
        Verdict verdict;
        string? note = null;
        ShiftInterval? shift = null;
        if (test.Baseline.Any(v => v <= 0) || test.Candidate.Any(v => v <= 0))
        {
            verdict = Verdict.Inconclusive;
            note = "non-positive values: the ratio is undefined";
        }
        else
        {
            shift = ShiftEstimator.Estimate(test.Baseline, test.Candidate, alpha);
            (verdict, note) = Decide(shift, info.Better, relative, holmSignificant, test.Baseline.Count, test.Candidate.Count, alpha);
        }

        var row = new MetricComparison(info.Id, MetricUnits.Text(info.Unit), info.Better,
            baselineMedian, candidateMedian, test.Baseline.Count, test.Candidate.Count,
            shift is null ? 0 : Math.Exp(shift.Point),
            shift is { Reachable: true } ? Math.Exp(shift.Lower) : null,
            shift is { Reachable: true } ? Math.Exp(shift.Upper) : null,
            1 - (2 * alpha), shift?.PValue ?? 1, test.Threshold.ToString(), relative, verdict, note);
        return (test.Key, row);
    }

    public static MetricComparison FailedCandidate(CaseResult baseline, CaseResult candidate) =>
        new("outcome", string.Empty, null, 0, 0, baseline.Repetitions.Count, 0, 0, null, null, 1, 0, string.Empty, 0,
            Verdict.Regression, $"candidate case {candidate.Outcome.ToId()}: {candidate.Reason ?? "no reason recorded"}");

    private static (Verdict, string?) Decide(ShiftInterval shift, BetterDirection better, double relative, bool? holmSignificant, int n, int m, double alpha)
    {
        if (!shift.Reachable)
        {
            return (Verdict.Inconclusive, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{n} vs {m} repetitions cannot reach α = {alpha:0.######}; need at least {ShiftEstimator.MinimumEqualSize(alpha)} per side"));
        }

        // Log-ratio band of "no change that matters": ratios in [1 − r, 1 + r].
        double bandLow = Math.Log(1 - relative), bandHigh = Math.Log(1 + relative);
        bool significant = holmSignificant ?? (shift.Lower > 0 || shift.Upper < 0);
        bool higherIsBetter = better == BetterDirection.Higher;
        if (significant && (shift.Point < bandLow || shift.Point > bandHigh))
        {
            bool worse = higherIsBetter ? shift.Point < 0 : shift.Point > 0;
            return (worse ? Verdict.Regression : Verdict.Improvement, null);
        }

        if (significant)
        {
            return (Verdict.NoChange, "a real change, smaller than the threshold");
        }

        return shift.Lower >= bandLow && shift.Upper <= bandHigh
            ? (Verdict.NoChange, null)
            : (Verdict.Inconclusive, "interval wider than the threshold: more repetitions would tell");
    }
}
