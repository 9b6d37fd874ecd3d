using System.Globalization;
using LoopBench.Cli.Terminal;
using LoopBench.Cli.Verbs;
using LoopBench.Core;
using LoopBench.Core.Comparison;
using LoopBench.Core.History;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running;

namespace LoopBench.Cli.Commands;

/// <summary>
/// Runs a scenario: validates it (nothing runs if anything is wrong), records the run in
/// results/&lt;run-id&gt;/ after every repetition, and prints the summary table on stdout.
/// </summary>
internal sealed class RunCommand(TextWriter stdout, TextWriter stderr)
{
    public int Execute(RunOptions options)
    {
        QuietThreshold.Check(options.QuietThresholdPercent);
        var store = new ResultStore(options.Out);
        if (options.Resume is string runId)
        {
            return Resume(store, runId, options);
        }

        var plan = RunPlanner.Plan(options);
        if (options.DryRun)
        {
            PrintDryRun(plan);
            return ExitCodes.Ok;
        }

        string newId = RunIds.New(DateTimeOffset.UtcNow);
        // The environment is probed before the directory exists, and the directory gets its name
        // only once its start event is logged (RunRecorder.Create): a run directory always has a
        // log, so --resume can take it; a start killed earlier leaves a dot-named leftover.
        var started = new RunStartedEvent(DateTimeOffset.UtcNow, newId, plan.Scenario.Name, plan.Scenario.File, options.Label,
            plan.Settings, VersionInfo.Tool(), EnvironmentProbe.Capture(), plan.Cases);
        foreach (string swept in store.SweepAbandonedStarts())
        {
            stderr.WriteLine($"loopbench: removed '{swept}', left by a run killed before it recorded its start (nothing was measured)");
        }

        string staging = StageDirectory(store, newId);
        return Measure(() => RunRecorder.Create(store, staging, started, AxisSummaryWriter.Markdown), store.RunDirectory(newId), options);
    }

    private int Resume(ResultStore store, string runId, RunOptions options)
    {
        string directory = store.RunDirectory(runId);
        if (!File.Exists(Path.Combine(directory, ResultStore.EventsFile)) && store.HasAbandonedStart(runId))
        {
            throw new UsageException($"--resume: run '{runId}' was stopped while its directory was being created, before it recorded its start; nothing ran, so there is nothing to resume (start it again; the next run removes its leftover '{ResultStore.StagingPrefix}{runId}.*' directory)");
        }

        if (!File.Exists(Path.Combine(directory, ResultStore.EventsFile)))
        {
            throw new UsageException($"--resume: no run '{runId}' under '{store.Root}' (no {ResultStore.EventsFile}); use --out for another results root");
        }

        if (options.File is not null || options.Repetitions is not null || options.Quick || options.Filter is not null || options.Sets.Any())
        {
            stderr.WriteLine("loopbench: --resume replays the recorded scenario, settings, seed and order; other flags are ignored");
        }

        return Measure(() => RunRecorder.Open(directory, AxisSummaryWriter.Markdown), directory, options);
    }

    private int Measure(Func<RunRecorder> open, string directory, RunOptions options)
    {
        using var signals = new SignalCancellation();
        RunRecorder recorder;
        try
        {
            recorder = open();
        }
        catch (RunLockedException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"loopbench: cannot record the run in '{directory}': {ex.Message}");
            return ExitCodes.Failure;
        }

        using var held = recorder;
        var journal = recorder.Journal;
        if (journal.Status == RunStatus.Completed)
        {
            stderr.WriteLine($"loopbench: run {journal.Started.RunId} is already complete");
            return ExitCodes.Ok;
        }

        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loopbench: run {journal.Started.RunId}: {journal.Started.Scenario}, {journal.Started.Cases.Count} cases x {journal.Started.Settings.Repetitions} repetitions, seed {journal.Started.Settings.Seed}, results in {directory}"));
        RunStatus status;
        try
        {
            using var executor = Executors.Create(new RunnerOptions { CaptureDirectory = directory });
            var quietHost = options.QuietHost ? new QuietHostOptions(new QuietHostGate(options.QuietThresholdPercent), new ProcCpuSource()) : null;
            status = ProgressDisplay.Run(stderr, sink => new ScenarioRunner(executor, recorder, sink) { QuietHost = quietHost }.Run(signals.Token));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryRecordFailure(recorder, ex.Message);
            stderr.WriteLine($"loopbench: results could not be written ({ex.Message}); the {journal.Repetitions.Count} repetitions recorded before are kept in {directory}");
            return ExitCodes.Failure;
        }

        var run = RunAssembler.Build(journal);
        stdout.Write(RunSummary.Render(run, AxisSummaryWriter.Markdown));
        stdout.WriteLine();
        stdout.WriteLine($"results: {directory}");
        Finish(run, directory, options, status);
        if (status == RunStatus.Interrupted)
        {
            string outFlag = options.Out == "results" ? string.Empty : $" --out {options.Out}";
            stderr.WriteLine($"loopbench: interrupted; {journal.Repetitions.Count} repetitions kept. Resume with: loopbench run --resume {journal.Started.RunId}{outFlag}");
            return ExitCodes.Interrupted;
        }

        foreach (var c in run.Cases)
        {
            foreach (string warning in (c.Warnings ?? []).Where(w => w.StartsWith("--max-reps", StringComparison.Ordinal)))
            {
                stderr.WriteLine($"loopbench: warning: case {c.Key}: {warning}");
            }
        }

        var failed = run.Cases.Where(c => c.Outcome.IsFailure()).ToList();
        foreach (var c in failed)
        {
            stderr.WriteLine($"loopbench: case {c.Key}: {c.Outcome.ToId()}: {c.Reason}");
        }

        return failed.Count > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }

    /// <summary>Writes report.html (unless --no-report) and records a completed run in the history; neither can fail the run.</summary>
    private void Finish(RunResult run, string directory, RunOptions options, RunStatus status)
    {
        if (!options.NoReport)
        {
            try
            {
                string report = Path.Combine(directory, ReportCommand.FileName);
                ReportCommand.Write(run, null, report);
                stdout.WriteLine($"report: {report}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Plotting.Charts.ChartDataException)
            {
                stderr.WriteLine($"loopbench: warning: report.html not written: {ex.Message}");
            }
        }

        if (status == RunStatus.Completed)
        {
            string history = HistoryTarget.Default(options.Out);
            try
            {
                HistoryStore.RecordTo(history, run, run.Label ?? options.Label, Path.Combine(directory, RunFileReader.RunFileName));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HistoryException or System.Data.Common.DbException)
            {
                stderr.WriteLine($"loopbench: warning: the run was not recorded in {HistoryTarget.Describe(history)}: {ex.Message}");
            }
        }
    }

    private static void TryRecordFailure(RunRecorder recorder, string reason)
    {
        try
        {
            recorder.Record(new RunStatusEvent(DateTimeOffset.UtcNow, RunStatus.Failed, reason));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the disk is still full: run.json keeps its last complete version
        }
    }

    private static string StageDirectory(ResultStore store, string runId)
    {
        try
        {
            return store.Stage(runId);
        }
        catch (IOException ex)
        {
            throw new UsageException($"--out: {ex.Message}");
        }
    }

    private void PrintDryRun(RunPlanDraft plan)
    {
        var s = plan.Settings;
        for (int i = 0; i < plan.Cases.Count; i++)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1,4}  {plan.Cases[i].Key}"));
        }

        var estimate = RunPlan.Estimate(plan.Cases, s.Repetitions);
        string upTo = s.UntilCiWidthPercent is null
            ? string.Empty
            : $" (up to {ProgressDisplay.Eta((long)RunPlan.Estimate(plan.Cases, s.MaxRepetitions).TotalMilliseconds)} with --until-ci)";
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{plan.Cases.Count} cases x {s.Repetitions} repetitions = {plan.Cases.Count * s.Repetitions} repetitions, estimated {ProgressDisplay.Eta((long)estimate.TotalMilliseconds)}{upTo}"));
    }
}
