using System.Net;
using System.Net.Sockets;
using LoopBench.Core.Interop;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Calibration;

/// <summary>
/// Runs calibrate rows: per row, LoopBench's repetition then the tool's, A B A B, with the same
/// placement, sizes, NODELAY and congestion control; then the LoopBench/tool ratio of each figure.
/// A row that cannot run is a result with a reason, and the rest go on.
/// </summary>
public sealed class CalibrationRunner
{
    /// <summary>Outcome of a row whose tool is not installed.</summary>
    public const string SkippedToolMissing = "skipped:tool-missing";

    /// <summary>Outcome of a row whose LoopBench case this build cannot express.</summary>
    public const string SkippedPatternUnavailable = "skipped:pattern-unavailable";

    /// <summary>Outcome of a row whose tool failed or printed something unreadable.</summary>
    public const string FailedTool = "failed:tool";

    private static readonly TimeSpan ServerStartDelay = TimeSpan.FromMilliseconds(500);
    private readonly IRepetitionSource _source;
    private readonly IReadOnlyList<int> _allowedCpus;

    /// <summary>Creates a runner that measures LoopBench's side with <paramref name="source"/> (the CLI passes its <see cref="CaseExecutor"/>).</summary>
    public CalibrationRunner(IRepetitionSource? source = null, IReadOnlyList<int>? allowedCpus = null)
    {
        _source = source ?? new RunnerRepetitionSource(new Runner());
        _allowedCpus = allowedCpus ?? CpuAffinity.GetAllowedCpus();
    }

    /// <summary>Raised with one line of progress ("iperf3-tcp4-fwd-cubic rep 2/5").</summary>
    public event Action<string>? Progress;

    /// <summary>Runs <paramref name="rows"/>; LoopBench's cases and the rows' comparisons.</summary>
    public (IReadOnlyList<CaseResult> Cases, IReadOnlyList<CalibrationResult> Rows) Run(
        IReadOnlyList<CalibrationRow> rows, CalibrationOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var cases = new List<CaseResult>();
        var results = new List<CalibrationResult>();
        foreach (var row in rows)
        {
            if (options.RowFilter is string filter && !row.Id.Contains(filter, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (cancellation.IsCancellationRequested)
            {
                break;
            }

            var (caseResult, result) = RunRow(row, options, cancellation);
            if (caseResult is not null)
            {
                cases.Add(caseResult);
            }

            results.Add(result);
        }

        return (cases, results);
    }

    /// <summary>
    /// LoopBench's case for a row: the row's settings applied by name through the parameter
    /// registry. False with the reason when this build lacks one of them.
    /// </summary>
    public static bool TryBuildCase(CalibrationRow row, CalibrationOptions options, out Case result, out bool perSocketCongestion, out string reason)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(options);
        result = new Case
        {
            Placement = row.Placement,
            DurationMs = options.DurationSeconds * 1000L,
            WarmupMs = options.WarmupSeconds * 1000L,
            IntervalMs = 0,
        };
        // TCP_CONGESTION per socket (the "congestion" case parameter): no host sysctl is touched.
        perSocketCongestion = row.CongestionControl is not null;
        var settings = row.CaseSettings.ToList();
        if (perSocketCongestion)
        {
            settings.Add(new("congestion", row.CongestionControl!));
        }

        try
        {
            foreach (var (name, value) in settings)
            {
                result = CaseParameters.Apply(result, name, value);
            }
        }
        catch (ParameterException ex)
        {
            reason = "pattern not available in this build: " + ex.Message;
            return false;
        }

        var errors = CaseValidator.Validate(result);
        reason = errors.Count == 0 ? string.Empty : "pattern not available in this build: " + string.Join("; ", errors.Select(e => e.Message));
        return errors.Count == 0;
    }

    private (CaseResult? Case, CalibrationResult Row) RunRow(CalibrationRow row, CalibrationOptions options, CancellationToken cancellation)
    {
        string congestion = row.CongestionControl ?? "default";
        CalibrationResult Outcome(string outcome, string? reason, string? command = null, string? key = null, IReadOnlyList<CalibrationFigureResult>? figures = null) =>
            new(row.Id, row.Tool, command, key, row.Placement.ToId(), congestion, outcome, reason, figures ?? []);

        if (!ToolProcess.IsInstalled(row.Executable))
        {
            return (null, Outcome(SkippedToolMissing, $"{row.Executable} is not installed; apt-get install {row.AptPackage}"));
        }

        if (!TryBuildCase(row, options, out var c, out _, out string why))
        {
            return (null, Outcome(SkippedPatternUnavailable, why));
        }

        if (row.Unavailable?.Invoke() is string unavailable)
        {
            return (null, Outcome(SkippedPatternUnavailable, unavailable));
        }

        var resolved = c.Resolve();
        if (!PlacementPlan.TryCreate(row.Placement, _allowedCpus, out var plan, out string placementWhy))
        {
            return (null, Outcome(Outcomes.SkippedPlacement, placementWhy, key: resolved.Key));
        }

        var invocation = row.Command(new ToolContext(FreeLoopbackPort(), options.DurationSeconds, options.WarmupSeconds));
        var measured = new List<RepetitionResult>();
        var toolRuns = new List<IReadOnlyDictionary<string, double>>();
        string? failure = null, failureOutcome = null;
        var server = invocation.ServerArgs is null ? null : ToolProcess.StartServer(invocation.ServerArgs, plan.ServerCpu);
        try
        {
            if (server is not null)
            {
                Thread.Sleep(ServerStartDelay);
            }

            var toolTimeout = TimeSpan.FromSeconds(options.DurationSeconds + options.WarmupSeconds + 20);
            for (int i = 0; i < options.Repetitions && failure is null && !cancellation.IsCancellationRequested; i++)
            {
                Progress?.Invoke($"{row.Id}: repetition {i + 1}/{options.Repetitions}");
                var lb = _source.Run(c, i, cancellation);
                if (lb.Result is not null && lb.Outcome == Outcomes.Passed)
                {
                    measured.Add(lb.Result);
                }
                else
                {
                    (failureOutcome, failure) = (lb.Outcome, "LoopBench: " + lb.Reason);
                    break;
                }

                var (ok, stdout, error) = ToolProcess.RunClient(invocation.ClientArgs, plan.ClientCpu, toolTimeout);
                bool parsed = row.Parse(stdout, out var figures, out string parseError);
                if (!ok || !parsed)
                {
                    // iperf3 -J reports its error inside the JSON on stdout; prefer that to the bare exit code
                    error = parsed ? error : (ok ? parseError : $"{parseError} ({error})");
                    (failureOutcome, failure) = (FailedTool, error);
                    break;
                }

                toolRuns.Add(figures);
            }
        }
        finally
        {
            if (server is not null)
            {
                ToolProcess.Stop(server);
            }
        }

        string outcome = failureOutcome ?? (cancellation.IsCancellationRequested ? Outcomes.Interrupted : Outcomes.Passed);
        var caseResult = new CaseResult(resolved.Key, resolved, outcome == FailedTool ? Outcomes.Passed : outcome, failureOutcome == FailedTool ? null : failure, measured);
        return (caseResult, Outcome(outcome, failure, invocation.Describe(), resolved.Key, CalibrationComparison.Compare(row, measured, toolRuns)));
    }

    /// <summary>A port the kernel just handed out on 127.0.0.1 (released at once; the tool binds it next).</summary>
    private static int FreeLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
