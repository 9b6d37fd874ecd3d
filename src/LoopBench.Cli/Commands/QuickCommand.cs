using LoopBench.Cli.Terminal;
using LoopBench.Cli.Verbs;
using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;

namespace LoopBench.Cli.Commands;

/// <summary>Runs one case from quick flags and prints intervals (stderr) and a table or JSON (stdout).</summary>
internal sealed class QuickCommand(TextWriter stdout, TextWriter stderr)
{
    public int Execute(QuickOptions options)
    {
        var unit = options.RateUnit();
        var c = BuildCase(options);
        using var signals = new SignalCancellation(); // Ctrl-C keeps what was measured: the runner closes the window
        var environment = EnvironmentProbe.Capture();
        var printer = new IntervalPrinter(stderr, unit);
        using var executor = Executors.Create(new RunnerOptions { KernelCounters = !options.NoKernelCounters }, printer.Print);
        printer.Header(c.Resolve());
        var result = WithSummaries(executor.RunCase(c, options.Repetitions, signals.Token));
        var run = new RunResult(RunResult.CurrentSchemaVersion, RunIds.New(DateTimeOffset.UtcNow),
            VersionInfo.Tool(), environment, [result]);
        if (options.Json)
        {
            stdout.WriteLine(ResultJson.Serialize(run));
        }
        else
        {
            stdout.Write(SummaryTable.Render(result, options.Verbose, unit));
        }

        return ExitCodeOf(result);
    }

    /// <summary>
    /// The summaries a run's case carries (every shared metric, the primary one named), over the passed
    /// repetitions, and the placement warning a run would give it.
    /// </summary>
    internal static CaseResult WithSummaries(CaseResult result)
    {
        var passed = result.Outcome.IsUsable() ? result.Repetitions : [];
        string? primary = PrimaryMetric.Of(passed, PrimaryMetric.Declared(result.Case.Pattern));
        return result with
        {
            Summaries = RunAssembler.Summaries(passed, Statistics.DefaultLevel),
            PrimaryMetric = primary,
            Warnings = SharedCpuSplit.Describe(passed, primary) is string placement ? [placement] : null,
        };
    }

    private int ExitCodeOf(CaseResult result)
    {
        if (result.Outcome == CaseOutcome.Passed)
        {
            return ExitCodes.Ok;
        }

        if (result.Outcome == CaseOutcome.Interrupted)
        {
            stderr.WriteLine("loopbench: interrupted; the figures cover the shortened window");
            return ExitCodes.Interrupted;
        }

        stderr.WriteLine($"loopbench: case {result.Outcome.ToId()}: {result.Reason}");
        return ExitCodes.Failure;
    }

    /// <summary>Builds and validates the case, naming the flag in every error.</summary>
    internal static Case BuildCase(QuickOptions options)
    {
        var c = new Case();
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var (flag, parameter, value) in options.Parameters())
        {
            flags[parameter] = flag;
            try
            {
                c = CaseParameters.Apply(c, parameter, value);
            }
            catch (ParameterException ex)
            {
                errors.Add($"{flag}: {ex.Message}");
            }
        }

        if (errors.Count == 0 && c.IsCountBased && c.WarmupMs > 0 && flags.TryGetValue("warmup", out string? warmupFlag))
        {
            string count = c.ByteLimit is not null ? "-n" : "-k";
            errors.Add($"{warmupFlag}: {count} measures the whole transfer, as iperf3's -n (no omit period), so it has no warm-up; drop {warmupFlag}, or use -t with a warm-up");
        }

        if (errors.Count == 0)
        {
            errors.AddRange(CaseValidator.Validate(c).Select(e => $"{flags.GetValueOrDefault(e.Parameter, "--" + e.Parameter)}: {e.Message}"));
        }

        if (errors.Count > 0)
        {
            throw new UsageException(string.Join(Environment.NewLine + "loopbench: ", errors));
        }

        return c.Kernel is null
            ? c
            : Executors.Prepare([c], options.AllowHostSysctls, e => $"{flags.GetValueOrDefault(e.Parameter, "--" + e.Parameter)}: {e.Message}")[0];
    }
}
