using System.Globalization;
using LoopBench.Core.Results;

namespace LoopBench.Core.Comparison;

/// <summary>
/// Pairs the cases of two runs (<see cref="CasePairing"/>) and judges each catalogued metric from the raw
/// repetitions: <see cref="ShiftEstimator"/> for the ratio and its interval, <see cref="VerdictRules"/>
/// for the verdict.
/// </summary>
internal static class CaseComparer
{
    /// <summary>Compares <paramref name="candidate"/> against <paramref name="baseline"/>.</summary>
    public static ComparisonReport Compare(RunResult baseline, RunResult candidate, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Alpha > 0 && options.Alpha < 0.5))
        {
            throw new ComparisonInputException($"alpha {options.Alpha.ToString(CultureInfo.InvariantCulture)} is out of range; use a value in (0, 0.5), e.g. 0.001");
        }

        var environment = EnvironmentDiff.Of(baseline, candidate, options);
        var refused = environment.Where(d => d.Identity && !d.Expected).ToList();
        if (refused.Count > 0)
        {
            throw new ComparisonInputException("the runs measured different machines ("
                + string.Join("; ", refused.Select(d => $"{d.Field}: '{d.Baseline}' vs '{d.Candidate}'"))
                + "); pass --allow-env-diff to compare anyway");
        }

        var thresholds = ThresholdTable.From(options.Thresholds);
        var pairs = CasePairing.Of(baseline.Cases, candidate.Cases, options.IgnoredParameters);
        if (pairs.Count == 0)
        {
            throw new ComparisonInputException($"the runs have no case in common (baseline {baseline.Cases.Count} cases, candidate {candidate.Cases.Count}); cases pair by their canonical key, e.g. '{baseline.Cases.FirstOrDefault()?.Key}'"
                + (options.IgnoredParameters.Count == 0 ? "; --ignore PARAM pairs runs that differ in PARAM" : string.Empty));
        }

        var skipped = new SortedSet<string>(StringComparer.Ordinal);
        var tests = new List<PendingTest>();
        var notes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (b, c, _) in pairs)
        {
            notes[b.Key] = CaseNote(b, c);
            if (notes[b.Key] is not null)
            {
                continue;
            }

            foreach (string metric in RepetitionValues.MetricsOf(b))
            {
                if (MetricCatalog.Find(metric) is not { } info)
                {
                    skipped.Add(metric);
                    continue;
                }

                var x = RepetitionValues.Of(b, metric);
                var y = RepetitionValues.Of(c, metric);
                if (info.Compared && x.Count > 0 && y.Count > 0)
                {
                    tests.Add(new PendingTest(b.Key, info, x, y, thresholds.For(info)));
                }
            }
        }

        var alphas = VerdictRules.TestAlphas(tests, options);
        var results = tests.Select((t, i) => VerdictRules.Judge(t, alphas[i].Alpha, alphas[i].Significant)).ToList();
        var cases = pairs.Select(pair =>
        {
            var (b, c, differences) = pair;
            string? placement = SharedCpuSplit.Contrast(b.Repetitions, c.Repetitions);
            var rows = results.Where(r => r.Key == b.Key).Select(r => WithPlacement(r.Result, placement)).ToList();
            if (c.Outcome.IsFailure() && b.Outcome == CaseOutcome.Passed)
            {
                rows.Add(VerdictRules.FailedCandidate(b, c));
            }

            return new CaseComparison(b.Key, b.Outcome, c.Outcome, rows, notes[b.Key]) { Differences = differences };
        }).ToList();

        double strictest = alphas.Count == 0 ? options.Alpha : alphas.Min(a => a.Alpha);
        return new ComparisonReport(baseline.RunId, candidate.RunId, options.Alpha,
            options.Control, ComparisonReport.EstimatorName,
            ShiftEstimator.MinimumEqualSize(strictest), cases,
            baseline.Cases.Select(c => c.Key).Except(pairs.Select(p => p.Baseline.Key), StringComparer.Ordinal).ToList(),
            candidate.Cases.Select(c => c.Key).Except(pairs.Select(p => p.Candidate.Key), StringComparer.Ordinal).ToList(),
            skipped.ToList(), environment)
        {
            ShortCases = pairs
                .Where(p => p.Candidate.Repetitions.Count < p.Baseline.Repetitions.Count)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Candidate.Key}: {p.Candidate.Repetitions.Count} of {p.Baseline.Repetitions.Count} repetitions"))
                .ToList(),
        };
    }

    /// <summary>A changed or unsettled figure carries the placement note; a plain no-change does not need it.</summary>
    private static MetricComparison WithPlacement(MetricComparison row, string? placement) =>
        placement is null || row.Verdict == Verdict.NoChange ? row
            : row with { Note = row.Note is null ? placement : row.Note + "; " + placement };

    private static string? CaseNote(CaseResult b, CaseResult c)
    {
        static bool Usable(CaseResult r) => r.Outcome.IsUsable();
        if (!Usable(b))
        {
            return $"baseline case {b.Outcome.ToId()}: not compared";
        }

        return Usable(c) ? null : $"candidate case {c.Outcome.ToId()}: {c.Reason ?? "no reason recorded"}";
    }
}

/// <summary>A metric of a case waiting for its α.</summary>
internal sealed record PendingTest(string Key, MetricInfo Metric, IReadOnlyList<double> Baseline, IReadOnlyList<double> Candidate, Threshold Threshold);
