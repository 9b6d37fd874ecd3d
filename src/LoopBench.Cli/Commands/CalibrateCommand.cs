using System.Globalization;
using LoopBench.Cli.Terminal;
using LoopBench.Cli.Verbs;
using LoopBench.Core;
using LoopBench.Core.Calibration;
using LoopBench.Core.Results;
using LoopBench.Core.Running;

namespace LoopBench.Cli.Commands;

/// <summary>Runs calibrate rows, writes results/&lt;run-id&gt;/run.json, prints the table of ratios, bounds and outcomes (stdout) and progress (stderr).</summary>
internal sealed class CalibrateCommand(TextWriter stdout, TextWriter stderr)
{
    /// <summary>The largest --steady-spread accepted: 1000 % (a reference spread wider than ten times its median means nothing).</summary>
    private const double MaxSteadySpreadPercent = 1000;

    public int Execute(CalibrateOptions options)
    {
        var rows = CalibrationCatalog.All();
        if (options.List)
        {
            foreach (var row in rows)
            {
                stdout.WriteLine($"{row.Id}  ({row.Tool.ToId()}, {string.Join(" ", row.CaseSettings.Select(s => s.Key + "=" + s.Value))})");
            }

            return ExitCodes.Ok;
        }

        if (options.Pairs < 1 || options.TimeSeconds < 1 || options.WarmupSeconds < 0)
        {
            throw new UsageException("--reps and --time must be at least 1, --warmup at least 0");
        }

        if (!(options.SteadySpreadPercent is > 0 and <= MaxSteadySpreadPercent))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--steady-spread: {options.SteadySpreadPercent} is out of range; use above 0 to {MaxSteadySpreadPercent} (% of the reference's median), e.g. 10"));
        }

        QuietThreshold.Check(options.QuietThresholdPercent);
        try
        {
            rows = CalibrationCatalog.Select(rows, options.Rows);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException("--rows: " + ex.Message);
        }

        var calibration = new CalibrationOptions
        {
            Pairs = options.Pairs,
            QuietThresholdPercentOfOneCpu = options.QuietThresholdPercent,
            MaxReferenceSpreadPercent = options.SteadySpreadPercent,
            DurationSeconds = options.TimeSeconds,
            WarmupSeconds = options.WarmupSeconds,
        };
        using var signals = new SignalCancellation();
        var environment = EnvironmentProbe.Capture();
        using var executor = Executors.Create(new RunnerOptions());
        var runner = new CalibrationRunner(executor);
        runner.Progress += line => stderr.WriteLine("loopbench calibrate: " + line);
        var (cases, results) = runner.Run(rows, calibration, signals.Token);
        var run = new RunResult(RunResult.CurrentSchemaVersion, RunIds.New(DateTimeOffset.UtcNow),
            VersionInfo.Tool(), environment, cases) { Calibration = results };
        string path = RunFileWriter.Write(options.ResultsDirectory, run);
        stderr.WriteLine($"loopbench calibrate: wrote {path}");
        stdout.Write(options.Json ? ResultJson.Serialize(run) + "\n" : CalibrationTable.Render(results, options.QuietThresholdPercent, options.SteadySpreadPercent));
        return ExitCodeOf(results, signals.Token.IsCancellationRequested);
    }

    /// <summary>
    /// The exit code of a finished calibrate: 130 when interrupted, 1 when a row failed, 3 when a
    /// row missed its bound (so calibrate can gate a build), else 0; inconclusive rows alone pass.
    /// </summary>
    internal static int ExitCodeOf(IReadOnlyList<CalibrationResult> results, bool interrupted) =>
        interrupted ? ExitCodes.Interrupted
        : results.Any(r => r.Outcome.Stopped is CaseOutcome o && o.IsFailure()) ? ExitCodes.Failure
        : results.Any(r => r.Outcome.Figures == CalibrationOutcome.Missed) ? ExitCodes.Regression
        : ExitCodes.Ok;
}
