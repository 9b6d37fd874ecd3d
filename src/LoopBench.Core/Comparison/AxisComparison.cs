using LoopBench.Core.Results;

namespace LoopBench.Core.Comparison;

/// <summary>One value of an axis judged against the baseline value: "congestion: cubic → reno" and its report.</summary>
/// <param name="Heading">What differs, e.g. "congestion: cubic → reno".</param>
/// <param name="Report">The verdicts, paired on everything but the axis.</param>
internal sealed record AxisReport(string Heading, ComparisonReport Report);

/// <summary>
/// The A/B of one axis inside a run, as <c>compare RUN --axis</c> and a scenario's
/// <c>compare:</c> block both ask for it: <see cref="AxisSplit"/> into values, then
/// <see cref="CaseComparer"/> for each other value against the baseline value.
/// </summary>
internal static class AxisComparison
{
    /// <summary>One report per other value of the axis, in case order.</summary>
    /// <exception cref="ComparisonInputException">The axis has fewer than two values, the baseline value is absent, or no case pairs.</exception>
    public static IReadOnlyList<AxisReport> Of(RunResult run, string axisName, string axisToken, string? baselineValue, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (baseline, candidates) = AxisSplit.Of(run, axisName, axisToken, baselineValue);
        var pairing = options with { IgnoredParameters = [.. options.IgnoredParameters, axisToken] };
        return candidates.Select(c =>
        {
            string heading = $"{axisName}: {baseline.Value} → {c.Value}";
            if (CasePairing.Of(baseline.Run.Cases, c.Run.Cases, pairing.IgnoredParameters).Count == 0)
            {
                throw new ComparisonInputException(NoPairs(axisName, axisToken, heading, baseline, c));
            }

            return new AxisReport(heading, CaseComparer.Compare(baseline.Run, c.Run, pairing));
        }).ToList();
    }

    /// <summary>The A/B a run recorded from its scenario's <c>compare:</c> block, with the default comparison options; null when it has none.</summary>
    /// <exception cref="ComparisonInputException">The run cannot be split or paired (yet).</exception>
    public static IReadOnlyList<AxisReport>? OfScenario(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Settings?.Compare is { } compare
            ? Of(run, compare.Axis, compare.Token, compare.Baseline, new ComparisonOptions())
            : null;
    }

    /// <summary>
    /// Why no case pairs: some axes change other key tokens with them (pattern changes the
    /// nodelay and size defaults), so removing the axis's own token leaves the keys apart.
    /// </summary>
    private static string NoPairs(string axisName, string axisToken, string heading, AxisSplit.Side baseline, AxisSplit.Side candidate)
    {
        var changed = CasePairing.ChangedTokens(baseline.Run.Cases.Select(c => c.Key), candidate.Run.Cases.Select(c => c.Key))
            .Where(t => t != axisToken)
            .ToList();
        string what = $"--axis {axisName}: the runs have no case in common for {heading}";
        if (changed.Count == 0)
        {
            return what + "; cases pair on every key token but the axis's";
        }

        string why = axisToken == "pattern" ? "; a pattern brings its own nodelay and size defaults" : string.Empty;
        return $"{what}: this axis changes other key tokens too ({string.Join(", ", changed)}{why}), and cases pair only when everything but {axisName} is equal; A/B an axis that changes nothing else (congestion, mtu, engine, ...), or pin those parameters in the scenario where the values allow it";
    }
}
