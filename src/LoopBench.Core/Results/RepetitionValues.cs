namespace LoopBench.Core.Results;

/// <summary>The raw per-repetition figures of a case, as compare, export and history read them.</summary>
internal static class RepetitionValues
{
    /// <summary>Metric ids present in any repetition of <paramref name="result"/>, catalogue order first.</summary>
    public static IReadOnlyList<string> MetricsOf(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Repetitions.SelectMany(r => r.Metrics.Keys).Distinct(StringComparer.Ordinal)
            .OrderBy(MetricCatalog.Order).ThenBy(id => id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The finite values of <paramref name="metric"/>, one per repetition that has it; interrupted repetitions are left out.</summary>
    public static IReadOnlyList<double> Of(CaseResult result, string metric)
    {
        ArgumentNullException.ThrowIfNull(result);
        var values = new List<double>(result.Repetitions.Count);
        foreach (var repetition in result.Repetitions)
        {
            if (!repetition.Interrupted && repetition.Metrics.TryGetValue(metric, out double value) && double.IsFinite(value))
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>The sample median; NaN when empty.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        return MedianOfSorted(values.Order().ToArray());
    }

    /// <summary>The median of values already in ascending order (not empty).</summary>
    public static double MedianOfSorted(IReadOnlyList<double> sorted)
    {
        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
