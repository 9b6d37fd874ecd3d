namespace LoopBench.Core.Comparison;

/// <summary>Knobs of a comparison.</summary>
internal sealed record ComparisonOptions
{
    /// <summary>Per-test error rate (or family-wise with Holm). Defaults to 1e-3.</summary>
    public double Alpha { get; init; } = 1e-3;

    /// <summary>Error control. Defaults to per-test α.</summary>
    public ErrorControl Control { get; init; } = ErrorControl.PerTest;

    /// <summary>Threshold text per metric id (e.g. "rttP99Ns" → "10%|2us"); "*" applies to every metric. Defaults to the catalogue.</summary>
    public IReadOnlyDictionary<string, string> Thresholds { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Compare even when identity fields (CPU model, cores, schema) differ. Defaults to false.</summary>
    public bool AllowEnvironmentDiff { get; init; }

    /// <summary>Key tokens left out of the pairing key (<c>--ignore congestion</c>, mapped by <c>CaseKey.TokenOf</c>), so runs that differ only in them pair. Defaults to none.</summary>
    public IReadOnlyList<string> IgnoredParameters { get; init; } = [];

    /// <summary>Subject field groups or names whose differences are expected ("kernel", "sysctls"). Defaults to none.</summary>
    public IReadOnlySet<string> ExpectedDiffs { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
