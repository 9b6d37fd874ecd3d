namespace LoopBench.Core.Results;

/// <summary>
/// The events of one run, in memory: what the scheduler consults to know what is left, and what
/// run.json is rebuilt from. Replaying events.jsonl gives back the same journal.
/// </summary>
/// <remarks>
/// Repetitions are also indexed by case, so that asking for one case's repetitions (which the
/// scheduler does before every repetition) does not scan the whole run.
/// </remarks>
internal sealed class RunJournal
{
    private readonly List<RepetitionEvent> _repetitions = [];
    private readonly Dictionary<int, List<RepetitionEvent>> _byCase = [];
    private readonly Dictionary<int, List<RepetitionResult>> _passedByCase = [];
    private readonly HashSet<int> _finished = [];

    /// <summary>Starts a journal from its first event.</summary>
    public RunJournal(RunStartedEvent started)
    {
        Started = started ?? throw new ArgumentNullException(nameof(started));
    }

    /// <summary>The first event.</summary>
    public RunStartedEvent Started { get; }

    /// <summary>Current status.</summary>
    public RunStatus Status { get; private set; } = RunStatus.Running;

    /// <summary>Why the run failed, or null.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>When the last event happened.</summary>
    public DateTimeOffset UpdatedUtc { get; private set; }

    /// <summary>Every logged repetition, in the order they finished.</summary>
    public IReadOnlyList<RepetitionEvent> Repetitions => _repetitions;

    /// <summary>Applies one event.</summary>
    public void Apply(RunEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        UpdatedUtc = e.Utc;
        switch (e)
        {
            case RepetitionEvent r:
                _repetitions.Add(r);
                ListOf(_byCase, r.CaseIndex).Add(r);
                if (r.Outcome == CaseOutcome.Passed && r.Result is not null)
                {
                    ListOf(_passedByCase, r.CaseIndex).Add(r.Result);
                }

                break;
            case CaseFinishedEvent f:
                _finished.Add(f.CaseIndex);
                break;
            case RunStatusEvent s:
                (Status, FailureReason) = (s.Status, s.Reason);
                break;
        }
    }

    /// <summary>True once the case needs no more repetitions.</summary>
    public bool IsFinished(int caseIndex) => _finished.Contains(caseIndex);

    /// <summary>The logged repetitions of one case, in the order they ran (a live view: it grows as events are applied).</summary>
    public IReadOnlyList<RepetitionEvent> Of(int caseIndex) => _byCase.TryGetValue(caseIndex, out var events) ? events : [];

    /// <summary>What the passed repetitions of one case measured, in the order they ran (a live view).</summary>
    public IReadOnlyList<RepetitionResult> PassedOf(int caseIndex) => _passedByCase.TryGetValue(caseIndex, out var passed) ? passed : [];

    private static List<T> ListOf<T>(Dictionary<int, List<T>> index, int caseIndex)
    {
        if (!index.TryGetValue(caseIndex, out var list))
        {
            index[caseIndex] = list = [];
        }

        return list;
    }
}
