
namespace LoopBench.Core.Scenarios;

/// <summary>
/// Checks a scenario's <c>compare:</c> block against its matrix: the axis must be one of the
/// matrix's axes with at least two values, the baseline one of those values. Errors point at the
/// block's own lines, with the closest valid name.
/// </summary>
internal static class CompareBlockValidator
{
    /// <summary>The axis the block names with its baseline value as written, or null (no block, or errors added).</summary>
    public static (ScenarioAxis Axis, string BaselineText)? Check(ScenarioDocument document, List<ScenarioError> errors)
    {
        if (document.Compare is not { Axis: { } axisValue } block)
        {
            return null;
        }

        string file = document.File;
        string wanted = MatrixExpander.Normalize(axisValue.Text);
        var axis = document.Matrix.FirstOrDefault(a => MatrixExpander.Normalize(a.Key) == wanted);
        if (axis is null)
        {
            var names = document.Matrix.Select(a => MatrixExpander.Normalize(a.Key)).ToList();
            string? closest = KindNames.Closest(wanted, names);
            string hint = closest is null ? string.Empty : $" (did you mean '{closest}'?)";
            errors.Add(new(file, axisValue.Mark, names.Count == 0
                ? $"compare.axis: '{axisValue.Text}' is not a matrix axis: the scenario has no matrix; an A/B compares the values of one matrix axis"
                : $"compare.axis: '{axisValue.Text}' is not a matrix axis of this scenario{hint}; its axes: {string.Join(", ", names)}"));
            return null;
        }

        var values = axis.Values.Select(v => v.Text.Trim()).ToList();
        if (values.Distinct(StringComparer.OrdinalIgnoreCase).Count() < 2)
        {
            errors.Add(new(file, axisValue.Mark, $"compare.axis: matrix axis '{axis.Key}' has one value ({string.Join(", ", values)}); an A/B needs at least two"));
            return null;
        }

        if (block.Baseline is not { } baseline)
        {
            return (axis, values[0]);
        }

        if (!values.Contains(baseline.Text.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            string? closest = KindNames.Closest(baseline.Text, values);
            string hint = closest is null ? string.Empty : $" (did you mean '{closest}'?)";
            errors.Add(new(file, baseline.Mark, $"compare.baseline: '{baseline.Text}' is not a value of matrix axis '{axis.Key}'{hint}; its values: {string.Join(", ", values)}"));
            return null;
        }

        return (axis, baseline.Text.Trim());
    }

    /// <summary>
    /// The settings the run records: the axis's key token, and the baseline as case keys spell it
    /// ("64k" is "65536"), read from a case that has the baseline value; null when none does.
    /// </summary>
    public static CompareSettings Settings(ScenarioAxis axis, string? baselineCaseKey)
    {
        string name = MatrixExpander.Normalize(axis.Key);
        string token = CaseKey.TryTokenOf(name, out string t) ? KeySides.WithoutSide(t) : name;
        string? baseline = baselineCaseKey is null ? null : CaseKeyTokens.ValueOf(baselineCaseKey, token);
        return new CompareSettings(name, token, baseline);
    }

    /// <summary>True when <paramref name="settings"/> (one expanded case) give the axis the baseline value.</summary>
    public static bool IsBaseline(IEnumerable<ScenarioSetting> settings, ScenarioAxis axis, string baselineText)
    {
        string name = MatrixExpander.Normalize(axis.Key);
        var value = settings.LastOrDefault(s => MatrixExpander.Normalize(s.Key) == name);
        return value is not null && string.Equals(value.Value.Text.Trim(), baselineText, StringComparison.OrdinalIgnoreCase);
    }
}
