using LoopBench.Core.Results;

namespace LoopBench.Core.Comparison;

/// <summary>Thresholds per metric: the catalogue's defaults, overridden by text per metric id or "*" for all.</summary>
internal sealed class ThresholdTable
{
    /// <summary>The key that applies a threshold to every metric.</summary>
    public const string AllMetrics = "*";

    private readonly Dictionary<string, Threshold> _byMetric = new(StringComparer.Ordinal);

    private ThresholdTable()
    {
    }

    /// <summary>Parses every override now, so a bad one fails before any figure is read.</summary>
    public static ThresholdTable From(IReadOnlyDictionary<string, string> texts)
    {
        var table = new ThresholdTable();
        foreach (var (metric, text) in texts)
        {
            if (metric != AllMetrics && MetricCatalog.Find(metric) is null)
            {
                string known = string.Join(", ", MetricCatalog.Known.Where(m => m.Compared).Select(m => m.Id));
                throw new ComparisonInputException($"threshold for unknown metric '{metric}'; known: {known}");
            }
        }

        if (texts.TryGetValue(AllMetrics, out string? all) && (all.Contains('|', StringComparison.Ordinal) || !all.TrimEnd().EndsWith('%')))
        {
            throw new ComparisonInputException($"threshold '{all}' for every metric must be relative, e.g. 5%; give absolute floors per metric, e.g. rttP99Ns=10%|2us");
        }

        foreach (var info in MetricCatalog.Known)
        {
            string? text = texts.GetValueOrDefault(info.Id) ?? texts.GetValueOrDefault(AllMetrics);
            table._byMetric[info.Id] = text is null ? Threshold.For(info) : Threshold.Parse(text, info.Unit, Threshold.For(info));
        }

        return table;
    }

    public Threshold For(MetricInfo metric) => _byMetric.GetValueOrDefault(metric.Id) ?? Threshold.For(metric);
}
