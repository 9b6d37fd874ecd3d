using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Comparison;

/// <summary>
/// A/B inside one run (<c>compare RUN --axis congestion=cubic</c>): the run's cases split by one
/// parameter's value, the baseline value's cases against each other value's, paired on everything
/// else by <see cref="CasePairing"/> with that parameter ignored.
/// </summary>
internal static class AxisSplit
{
    /// <summary>What a case whose key leaves the parameter at its default shows as its value.</summary>
    public const string DefaultValue = "(default)";

    /// <summary>One value of the axis against the baseline value, as two views of the same run.</summary>
    public sealed record Side(string Value, RunResult Run);

    /// <summary>
    /// The baseline side (the value named, else the first value in case order) and every other value's
    /// side, in case order.
    /// </summary>
    /// <exception cref="ComparisonInputException">The axis has fewer than two values in the run, or the named baseline value is not among them.</exception>
    public static (Side Baseline, IReadOnlyList<Side> Candidates) Of(RunResult run, string axisName, string axisToken, string? baselineValue)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(axisToken);
        var groups = run.Cases
            .GroupBy(c => CaseKeyTokens.ValueOf(c.Key, axisToken) ?? DefaultValue, StringComparer.Ordinal)
            .Select(g => new Side(g.Key, run with { Cases = g.ToList() }))
            .ToList();
        string values = string.Join(", ", groups.Select(g => g.Value));
        if (groups.Count < 2)
        {
            throw new ComparisonInputException($"--axis {axisName}: the run has {groups.Count} value of it ({values}); an A/B needs at least two");
        }

        var baseline = baselineValue is null ? groups[0] : groups.FirstOrDefault(g => g.Value == baselineValue)
            ?? throw new ComparisonInputException($"--axis {axisName}={baselineValue}: the run has no case with that value; its values are {values}");
        return (baseline, groups.Where(g => !ReferenceEquals(g, baseline)).ToList());
    }
}
