using System.Globalization;
using LoopBench.Core.Measurement;

namespace LoopBench.Core.Results;

/// <summary>Builds the run document from the journal: a pure function, so run.json always matches the log.</summary>
internal static class RunAssembler
{
    /// <summary>Fewer passed repetitions than this make a case's figures indicative only.</summary>
    public const int MinRepetitionsForVerdict = 10;

    /// <summary>The run as it stands.</summary>
    public static RunResult Build(RunJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var s = journal.Started;
        var cases = s.Cases.Select((c, i) => BuildCase(journal, i)).ToList();
        return new RunResult(RunResult.CurrentSchemaVersion, s.RunId, s.Tool, s.Environment, cases)
        {
            Status = journal.Status,
            Scenario = s.Scenario,
            ScenarioFile = s.ScenarioFile,
            Label = s.Label,
            Settings = s.Settings,
            StartedUtc = s.Utc,
            UpdatedUtc = journal.UpdatedUtc,
        };
    }

    /// <summary>Summaries of every metric all passed repetitions share, keyed by metric id.</summary>
    public static SortedDictionary<string, MetricSummary> Summaries(IReadOnlyList<RepetitionResult> passed, double level)
    {
        ArgumentNullException.ThrowIfNull(passed);
        var summaries = new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal);
        if (passed.Count == 0)
        {
            return summaries;
        }

        foreach (string metric in passed[0].Metrics.Keys.Where(k => passed.All(r => r.Metrics.ContainsKey(k))))
        {
            summaries[metric] = Statistics.Summarize(PrimaryMetric.Values(passed, metric), level);
        }

        return summaries;
    }

    private static CaseResult BuildCase(RunJournal journal, int index)
    {
        var settings = journal.Started.Settings;
        var c = journal.Started.Cases[index];
        var events = journal.Of(index);
        var repetitions = events.Where(e => e.Result is not null).Select(e => e.Result!).ToList();
        var passed = journal.PassedOf(index);
        var bad = events.FirstOrDefault(e => e.Outcome != CaseOutcome.Passed);
        CaseOutcome outcome = bad?.Outcome
            ?? (journal.IsFinished(index) || journal.Status == RunStatus.Completed ? CaseOutcome.Passed
                : journal.Status == RunStatus.Running ? CaseOutcome.Pending : CaseOutcome.Interrupted);
        string? reason = bad?.Reason ?? (outcome == CaseOutcome.Interrupted
            ? string.Create(CultureInfo.InvariantCulture, $"the run stopped after {passed.Count} repetitions of this case; resume it with --resume {journal.Started.RunId}")
            : null);
        double level = settings.UntilCiLevel ?? Statistics.DefaultLevel;
        var summaries = Summaries(passed, level);
        string? primary = PrimaryMetric.Of(passed, PrimaryMetric.Declared(c.Pattern));
        var warnings = new List<string>();
        bool noisy = primary is not null && summaries.TryGetValue(primary, out var p) && p.CvPercent > Statistics.NoisyCvPercent;
        if (noisy)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"noisy: {primary} varies by CV {summaries[primary!].CvPercent:0.0} % (> {Statistics.NoisyCvPercent:0} %)"));
        }

        if (SharedCpuSplit.Describe(passed, primary) is string placement)
        {
            warnings.Add(placement);
        }

        if (settings.UntilCiWidthPercent is double target && primary is not null && passed.Count >= settings.MaxRepetitions
            && !(summaries[primary].CiWidthPercent <= target))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"--max-reps {settings.MaxRepetitions} reached before the {level * 100:0.#} % CI of the median of {primary} was narrower than {target:0.##} %"));
        }

        return new CaseResult(c.Key, c, outcome, reason, repetitions)
        {
            Summaries = summaries,
            PrimaryMetric = primary,
            Noisy = noisy,
            Indicative = settings.Quick || passed.Count < MinRepetitionsForVerdict,
            Noise = events.Where(e => e.Noise is not null).Select(e => new RepetitionNoise(e.Index, e.Noise!)).ToList(),
            Warnings = warnings.Count > 0 ? warnings : null,
        };
    }
}
