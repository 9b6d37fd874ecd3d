using System.Text.Json.Serialization;
using LoopBench.Core.Results;

namespace LoopBench.Core.Comparison;

/// <summary>One metric of one case, baseline against candidate.</summary>
/// <param name="Metric">Metric id.</param>
/// <param name="Unit">Unit text ("bit/s", "ns").</param>
/// <param name="Better">Better direction; null for the "outcome" row of a failed candidate, which has none (written as "" in JSON).</param>
/// <param name="BaselineMedian">Median of the baseline repetitions.</param>
/// <param name="CandidateMedian">Median of the candidate repetitions.</param>
/// <param name="BaselineCount">Baseline repetitions with the metric.</param>
/// <param name="CandidateCount">Candidate repetitions with the metric.</param>
/// <param name="Ratio">exp(Hodges–Lehmann shift of logs): the estimated candidate/baseline ratio.</param>
/// <param name="RatioLower">Lower bound of the ratio's interval; null when unreachable.</param>
/// <param name="RatioUpper">Upper bound of the ratio's interval; null when unreachable.</param>
/// <param name="Confidence">Confidence of the interval, 1 − α of this test.</param>
/// <param name="PValue">Exact two-sided Mann–Whitney p-value.</param>
/// <param name="Threshold">Threshold as given ("5%|500").</param>
/// <param name="EffectiveThreshold">Relative change that counted for this case (after the floor).</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Note">Why, in words, when not plain.</param>
internal sealed record MetricComparison(
    string Metric,
    string Unit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [property: JsonConverter(typeof(NoDirectionJsonConverter))]
    BetterDirection? Better,
    double BaselineMedian,
    double CandidateMedian,
    int BaselineCount,
    int CandidateCount,
    double Ratio,
    double? RatioLower,
    double? RatioUpper,
    double Confidence,
    double PValue,
    string Threshold,
    double EffectiveThreshold,
    Verdict Verdict,
    string? Note);

/// <summary>One paired case.</summary>
/// <param name="Key">Canonical case key.</param>
/// <param name="BaselineOutcome">Outcome in the baseline.</param>
/// <param name="CandidateOutcome">Outcome in the candidate.</param>
/// <param name="Metrics">Per-metric results, catalogue order.</param>
/// <param name="Note">Why the case was not compared, or null.</param>
internal sealed record CaseComparison(
    string Key,
    CaseOutcome BaselineOutcome,
    CaseOutcome CandidateOutcome,
    IReadOnlyList<MetricComparison> Metrics,
    string? Note)
{
    /// <summary>With <c>--ignore</c>: what the ignored parameters made differ ("congestion: cubic → bbr"); else null.</summary>
    public string? Differences { get; init; }

    /// <summary>The baseline key, followed by the differences in brackets when there are any: what reports print.</summary>
    public string Label => Differences is null ? Key : $"{Key} [{Differences}]";

    /// <summary>The worst verdict of the case: regression, then inconclusive, improvement, no-change.</summary>
    public Verdict Overall => Metrics.Count == 0 ? Verdict.Inconclusive : Metrics.Select(m => m.Verdict).MaxBy(Severity);

    /// <summary>Ordering for "worst": regression &gt; inconclusive &gt; improvement &gt; no-change.</summary>
    public static int Severity(Verdict v) => v switch
    {
        Verdict.Regression => 3,
        Verdict.Inconclusive => 2,
        Verdict.Improvement => 1,
        _ => 0,
    };
}

/// <summary>Everything a comparison found.</summary>
/// <param name="BaselineRunId">Baseline run id.</param>
/// <param name="CandidateRunId">Candidate run id.</param>
/// <param name="Alpha">α as given.</param>
/// <param name="Control">How the error rate is controlled.</param>
/// <param name="Estimator">The estimator's name, for the output.</param>
/// <param name="MinimumRepetitions">Smallest equal repetitions per side that can reach a verdict at the strictest per-test α.</param>
/// <param name="Cases">Paired cases, in baseline order.</param>
/// <param name="MissingKeys">Cases in the baseline only.</param>
/// <param name="NewKeys">Cases in the candidate only.</param>
/// <param name="SkippedMetrics">Metric ids present but not compared (unknown to this build).</param>
/// <param name="Environment">Environment differences.</param>
internal sealed record ComparisonReport(
    string BaselineRunId,
    string CandidateRunId,
    double Alpha,
    ErrorControl Control,
    string Estimator,
    int MinimumRepetitions,
    IReadOnlyList<CaseComparison> Cases,
    IReadOnlyList<string> MissingKeys,
    IReadOnlyList<string> NewKeys,
    IReadOnlyList<string> SkippedMetrics,
    IReadOnlyList<EnvironmentDifference> Environment)
{
    /// <summary>Paired cases whose candidate holds fewer repetitions than the baseline: "KEY: 3 of 10 repetitions".</summary>
    public IReadOnlyList<string> ShortCases { get; init; } = [];

    /// <summary>
    /// True when the candidate lacks something the baseline measured: a case, or repetitions of a
    /// case. An incomplete candidate is no green light, whatever its verdicts.
    /// </summary>
    public bool IsIncomplete => MissingKeys.Count > 0 || ShortCases.Count > 0;

    /// <summary>What the candidate lacks, one line each.</summary>
    public IEnumerable<string> Incomplete =>
        MissingKeys.Select(k => k + ": not in the candidate").Concat(ShortCases);

    /// <summary>The estimator named in every output.</summary>
    public const string EstimatorName = "Hodges-Lehmann shift of log values; interval by inverting the exact Mann-Whitney test";

    /// <summary>Every metric row of every case.</summary>
    public IEnumerable<(CaseComparison Case, MetricComparison Metric)> Rows() =>
        Cases.SelectMany(c => c.Metrics.Select(m => (c, m)));

    /// <summary>Count of rows with <paramref name="verdict"/>.</summary>
    public int Count(Verdict verdict) => Rows().Count(r => r.Metric.Verdict == verdict);

    /// <summary>True when any metric regressed.</summary>
    public bool HasRegression => Count(Verdict.Regression) > 0;

    /// <summary>True when any metric is inconclusive, or a case could not be compared.</summary>
    public bool HasInconclusive => Count(Verdict.Inconclusive) > 0 || Cases.Any(c => c.Metrics.Count == 0);

    /// <summary>Sentence on which sample sizes can reach a verdict.</summary>
    public string SampleSizeStatement => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"At α = {Alpha:0.#####} ({Control.ToId()}), a verdict needs at least {MinimumRepetitions} repetitions per side; fewer give 'inconclusive', never 'no-change'.");

    /// <summary>Sentence on what α and the intervals mean.</summary>
    public string IntervalStatement => Control == ErrorControl.Holm
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Holm's correction keeps the chance of any false regression in this report at most {Alpha:0.#####}; each interval is at its test's Holm level.")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Intervals are {(1 - (2 * Alpha)) * 100:0.####}% two-sided: each test has at most {Alpha:0.#####} chance of a false regression (and of a false improvement).");

    /// <summary>Differences that are not expected (identity, or subject without --expect-diff).</summary>
    public IEnumerable<EnvironmentDifference> Warnings => Environment.Where(d => !d.Expected);

    /// <summary>The unit of <paramref name="metric"/> as text.</summary>
    public static string UnitOf(MetricInfo metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return MetricUnits.Text(metric.Unit);
    }
}
