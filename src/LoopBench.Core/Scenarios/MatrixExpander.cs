namespace LoopBench.Core.Scenarios;

/// <summary>
/// Expands a scenario's matrix into the parameter assignments of its cases, as a pure function of
/// the document: the cross product of the axes (the first axis varies slowest), minus every
/// combination that matches an <c>exclude</c> entry, plus one case per <c>include</c> entry
/// (defaults overlaid with the entry), with command-line overrides applied last to every case.
/// </summary>
internal static class MatrixExpander
{
    /// <summary>
    /// Most cases one scenario may expand to, checked by arithmetic before anything is expanded:
    /// ten thousand cases of one 3 s repetition already take more than eight hours.
    /// </summary>
    public const long MaxCases = 10_000;

    /// <summary>
    /// How many cases the matrix can expand to at most (excludes not subtracted), without expanding
    /// it; saturates at <see cref="long.MaxValue"/>.
    /// </summary>
    public static long CountUpperBound(ScenarioDocument document, IReadOnlyList<ScenarioSetting>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var overridden = (overrides ?? []).Select(o => Normalize(o.Key)).ToHashSet(StringComparer.Ordinal);
        long product = 1;
        foreach (var axis in document.Matrix.Where(a => a.Values.Count > 0 && !overridden.Contains(Normalize(a.Key))))
        {
            product = product > long.MaxValue / axis.Values.Count ? long.MaxValue : product * axis.Values.Count;
        }

        return product > long.MaxValue - document.Include.Count ? long.MaxValue : product + document.Include.Count;
    }

    /// <summary>
    /// One list of settings per case, in the order they are applied (later wins). An axis that an
    /// override names collapses to the override's value.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ScenarioSetting>> Expand(
        ScenarioDocument document, IReadOnlyList<ScenarioSetting>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        overrides ??= [];
        var overridden = overrides.Select(o => Normalize(o.Key)).ToHashSet(StringComparer.Ordinal);
        var combinations = new List<List<ScenarioSetting>> { new(document.Defaults) };
        foreach (var axis in document.Matrix.Where(a => a.Values.Count > 0 && !overridden.Contains(Normalize(a.Key))))
        {
            combinations = combinations
                .SelectMany(c => axis.Values.Select(v => new List<ScenarioSetting>(c) { new(axis.Key, axis.KeyMark, v) }))
                .ToList();
        }

        var cases = combinations
            .Where(c => !document.Exclude.Any(entry => Matches(c, entry)))
            .Concat(document.Include.Select(entry => document.Defaults.Concat(entry).ToList()))
            .Select(c => (IReadOnlyList<ScenarioSetting>)c.Concat(overrides).ToList())
            .ToList();
        return cases;
    }

    /// <summary>Builds the case of one assignment; throws <see cref="ParameterException"/> on a bad name or value.</summary>
    public static Case ToCase(IEnumerable<ScenarioSetting> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Aggregate(new Case(), (c, s) => CaseParameters.Apply(c, s.Key, s.Value.Text));
    }

    /// <summary>The parameter name as the registry spells it (case-insensitive, trimmed).</summary>
    public static string Normalize(string key) => (key ?? string.Empty).Trim().ToLowerInvariant();

    private static bool Matches(List<ScenarioSetting> combination, IReadOnlyList<ScenarioSetting> entry) =>
        entry.All(e =>
        {
            // The last assignment of a key is the one in force.
            var current = combination.LastOrDefault(s => Normalize(s.Key) == Normalize(e.Key));
            return current is not null && string.Equals(current.Value.Text.Trim(), e.Value.Text.Trim(), StringComparison.OrdinalIgnoreCase);
        });
}
