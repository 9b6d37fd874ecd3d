using System.Globalization;
using LoopBench.Cli.Terminal;
using LoopBench.Cli.Verbs;
using LoopBench.Core.Calibration;
using LoopBench.Core.Results;
using LoopBench.Core.Running;

namespace LoopBench.Cli.Commands;

/// <summary>Runs calibrate rows, writes results/&lt;run-id&gt;/run.json, prints the ratio table (stdout) and progress (stderr).</summary>
internal sealed class CalibrateCommand(TextWriter stdout, TextWriter stderr)
{
    public int Execute(CalibrateOptions options)
    {
        var rows = CalibrationCatalog.All();
        if (options.List)
        {
            foreach (var row in rows)
            {
                stdout.WriteLine($"{row.Id}  ({row.Tool}, {string.Join(" ", row.CaseSettings.Select(s => s.Key + "=" + s.Value))})");
            }

            return ExitCodes.Ok;
        }

        if (options.Repetitions < 1 || options.TimeSeconds < 1 || options.WarmupSeconds < 0)
        {
            throw new UsageException("--reps and --time must be at least 1, --warmup at least 0");
        }

        var calibration = new CalibrationOptions
        {
            Repetitions = options.Repetitions,
            DurationSeconds = options.TimeSeconds,
            WarmupSeconds = options.WarmupSeconds,
            RowFilter = options.Rows,
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
        stdout.Write(options.Json ? ResultJson.Serialize(run) + "\n" : Render(results));
        return signals.Token.IsCancellationRequested ? ExitCodes.Interrupted
            : results.Any(r => r.Outcome.StartsWith("failed", StringComparison.Ordinal)) ? ExitCodes.Failure : ExitCodes.Ok;
    }

    /// <summary>One line per figure: medians of both, the ratio and its interval; skipped rows with their reason.</summary>
    internal static string Render(IReadOnlyList<CalibrationResult> results)
    {
        var table = new TextTable("row", "placement", "cc", "figure", "loopbench", "tool", "ratio", "95% CI", "outcome");
        foreach (var r in results)
        {
            if (r.Figures.Count == 0 || r.Figures.All(f => f.Ratio is null))
            {
                table.AddRow(r.RowId, r.Placement, r.CongestionControl, "-", "-", "-", "-", "-", r.Outcome);
                continue;
            }

            foreach (var f in r.Figures)
            {
                // the median of the repetitions' values, or a percentile pooled over their histograms;
                // none when LoopBench's repetitions together had too few samples for the percentile
                IReadOnlyList<double> loopBench = f.LoopBenchPooled is double pooled ? [pooled]
                    : f.LoopBenchShortOfSamples == true ? [] : f.LoopBenchValues;
                table.AddRow(r.RowId, r.Placement, r.CongestionControl, f.Figure, Value(f.Figure, loopBench), Value(f.Figure, f.ToolValues),
                    Ratio(f.Ratio), f.RatioLow is double lo && f.RatioHigh is double hi ? $"[{Ratio(lo)}, {Ratio(hi)}]" : "-", r.Outcome);
            }
        }

        var text = new System.Text.StringBuilder(table.ToString());
        text.Append("ratio = median(LoopBench) / median(tool) of per-repetition values, latency percentiles included (LoopBench's come from its")
            .Append(" repetitions' merged histograms only in a row where a repetition had too few samples for one); interval: ")
            .Append(results.SelectMany(r => r.Figures).Select(f => f.IntervalMethod).FirstOrDefault(m => m is not null) ?? "none")
            .Append(".\nThroughput in Gbit/s (10^9 bit/s), latency in µs, rates per second. For latency a ratio below 1 means")
            .Append(" LoopBench measured less; for throughput and rates, above 1 means it moved more.\nReasons:\n");
        foreach (var r in results.Where(r => r.Reason is not null))
        {
            text.Append("  ").Append(r.RowId).Append(": ").Append(r.Reason).Append('\n');
        }

        foreach (var (r, f) in results.SelectMany(r => r.Figures.Where(f => f.Note is not null).Select(f => (r, f))))
        {
            text.Append("  ").Append(r.RowId).Append(' ').Append(f.Figure).Append(": ").Append(f.Note).Append('\n');
        }

        return text.ToString();
    }

    private static string Ratio(double? value) => value is double v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Value(string figure, IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return "-";
        }

        double median = BootstrapRatio.Median(values.ToArray());
        return figure switch
        {
            ToolFigures.ThroughputBitsPerSecond => Figures.Gbits(median),
            ToolFigures.RttP50Ns or ToolFigures.RttP99Ns or ToolFigures.RttP999Ns => Figures.Micros(median),
            _ => Figures.Whole(median),
        };
    }
}
