using System.Globalization;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Running;

/// <summary>
/// Runs a scenario's repetitions interleaved across cases in the seeded order of
/// <see cref="RunPlan"/>, each with its own warm-up and a per-repetition timeout, and records every
/// finished repetition before starting the next. Ctrl-C (the token) stops between or inside
/// repetitions: the cut repetition is dropped (resume measures it again), the rest is kept.
/// </summary>
/// <param name="source">Measures one repetition.</param>
/// <param name="sink">Records events durably.</param>
/// <param name="progress">Receives progress between repetitions, or null.</param>
internal sealed class ScenarioRunner(IRepetitionSource source, IRunSink sink, IRunProgressSink? progress = null)
{
    /// <summary>How long after the timeout a stuck repetition is abandoned (the runner's own drain deadline is 10 s).</summary>
    public static readonly TimeSpan AbandonGrace = TimeSpan.FromSeconds(15);

    /// <summary>The quiet-host gate before and around each repetition, or null (the default) for none.</summary>
    public QuietHostOptions? QuietHost { get; init; }

    /// <summary>Runs (or resumes) until every case is finished; returns the final <see cref="RunStatus"/>.</summary>
    public RunStatus Run(CancellationToken cancellation)
    {
        var journal = sink.Journal;
        var cases = journal.Started.Cases;
        var settings = journal.Started.Settings;
        if (journal.Status != RunStatus.Running)
        {
            sink.Record(new RunStatusEvent(DateTimeOffset.UtcNow, RunStatus.Running, null)); // resumed
        }

        for (int round = 0; ; round++)
        {
            bool active = false;
            foreach (int i in RunPlan.Order(cases.Count, settings.Seed, round))
            {
                if (journal.IsFinished(i))
                {
                    continue;
                }

                var done = journal.Of(i);
                if (done.Count > round)
                {
                    active = true; // measured before an interruption
                    continue;
                }

                if (!NeedsMore(journal.PassedOf(i), settings, PrimaryMetric.Declared(cases[i].Pattern)))
                {
                    sink.Record(new CaseFinishedEvent(DateTimeOffset.UtcNow, i));
                    continue;
                }

                active = true;
                if (cancellation.IsCancellationRequested || !RunOne(i, done.Count, cases[i], settings, cancellation))
                {
                    sink.Record(new RunStatusEvent(DateTimeOffset.UtcNow, RunStatus.Interrupted, null));
                    return RunStatus.Interrupted;
                }
            }

            if (!active)
            {
                break;
            }
        }

        sink.Record(new RunStatusEvent(DateTimeOffset.UtcNow, RunStatus.Completed, null));
        return RunStatus.Completed;
    }

    /// <summary>True while a case has fewer passed repetitions than asked, or --until-ci is not yet met below --max-reps.</summary>
    /// <param name="passed">What the case's passed repetitions measured (<see cref="RunJournal.PassedOf"/>).</param>
    /// <param name="settings">The run's settings.</param>
    /// <param name="declaredPrimary">The primary metric the case's pattern declares; null to take the stored runs' guess.</param>
    public static bool NeedsMore(IReadOnlyList<RepetitionResult> passed, RunSettings settings, string? declaredPrimary = null)
    {
        ArgumentNullException.ThrowIfNull(passed);
        ArgumentNullException.ThrowIfNull(settings);
        if (passed.Count < settings.Repetitions)
        {
            return true;
        }

        if (settings.UntilCiWidthPercent is not double width || passed.Count >= settings.MaxRepetitions)
        {
            return false;
        }

        string? metric = PrimaryMetric.Of(passed, declaredPrimary);
        if (metric is null)
        {
            return false;
        }

        var values = PrimaryMetric.Values(passed, metric);
        var summary = Statistics.Summarize(values, settings.UntilCiLevel ?? Statistics.DefaultLevel);
        return !(summary.CiWidthPercent <= width);
    }

    /// <summary>Runs and records one repetition; false when the run was interrupted inside it.</summary>
    private bool RunOne(int caseIndex, int index, Case c, RunSettings settings, CancellationToken cancellation)
    {
        var status = Status(caseIndex, index);
        progress?.Starting(status);
        // the wait comes before the repetition's deadline starts: waiting is not the repetition's time
        var quiet = QuietHost?.WaitForQuiet(cancellation);
        var quietBefore = QuietHost?.Cpu.Read([]);
        var timeout = RunPlan.TimeoutFor(c, settings);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeout);
        var before = CpuNoiseSampler.Take();
        var task = Task.Factory.StartNew(() => source.Run(c, index, limit.Token), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        RepetitionOutcome outcome;
        if (!task.Wait(timeout + AbandonGrace, CancellationToken.None))
        {
            // The repetition ignored its deadline: abandon its thread (it is a background thread) and go on.
            outcome = new RepetitionOutcome(null, CaseOutcome.FailedCaseTimeout, TimeoutReason(timeout));
        }
        else
        {
            outcome = task.Result;
        }

        var noise = CpuNoiseSampler.Between(before, CpuNoiseSampler.Take());
        if (QuietHost is not null && outcome.Result is not null)
        {
            outcome = outcome with { Result = QuietHost.Attach(outcome.Result, quiet!, quietBefore!.Value, QuietHost.Cpu.Read([])) };
        }

        if (outcome.Outcome == CaseOutcome.Interrupted || (outcome.Result?.Interrupted == true))
        {
            if (cancellation.IsCancellationRequested)
            {
                return false; // Ctrl-C: the cut repetition does not count; resume measures it again
            }

            outcome = new RepetitionOutcome(outcome.Result, CaseOutcome.FailedCaseTimeout, TimeoutReason(timeout));
        }

        sink.Record(new RepetitionEvent(DateTimeOffset.UtcNow, caseIndex, index, outcome.Outcome, outcome.Reason, outcome.Result, noise));
        if (outcome.Outcome != CaseOutcome.Passed)
        {
            sink.Record(new CaseFinishedEvent(DateTimeOffset.UtcNow, caseIndex)); // a failed or skipped case runs no more
        }

        progress?.Finished(Status(caseIndex, index), outcome.Outcome);
        return true;
    }

    private static string TimeoutReason(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"the repetition ran past the per-case timeout of {timeout.TotalSeconds:0.#} s");

    private RunProgress Status(int caseIndex, int index)
    {
        var journal = sink.Journal;
        var settings = journal.Started.Settings;
        var cases = journal.Started.Cases;
        int done = journal.Repetitions.Count;
        long remainingMs = 0;
        int planned = 0;
        for (int i = 0; i < cases.Count; i++)
        {
            int logged = journal.Of(i).Count;
            int target = journal.IsFinished(i) ? logged : Math.Max(logged, settings.Repetitions);
            planned += target;
            remainingMs += (target - logged) * RunPlan.RepetitionMs(cases[i]);
        }

        return new RunProgress(cases[caseIndex].Key, caseIndex, index, done, planned, remainingMs);
    }
}
