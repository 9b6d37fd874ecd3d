using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Calibration;

/// <summary>
/// Runs calibrate rows: per row, pairs of LoopBench's repetition and the reference's (a tool, or
/// LoopBench's blocking engine) with the same placement, sizes, NODELAY and congestion control,
/// through <see cref="PairLoop"/>; then each figure's paired ratio against its bound. A row that
/// cannot run is a result with a reason, and the rest go on.
/// </summary>
internal sealed class CalibrationRunner
{
    private static readonly TimeSpan ServerStartDelay = TimeSpan.FromMilliseconds(500);
    private readonly IRepetitionSource _source;
    private readonly IReadOnlyList<int> _allowedCpus;
    private readonly ICpuSource _cpu;

    /// <summary>
    /// Creates a runner that measures LoopBench's side with <paramref name="source"/> (the CLI passes
    /// its <see cref="CaseExecutor"/>) and reads the host's load around each pair from <paramref name="cpu"/> (/proc by default).
    /// </summary>
    public CalibrationRunner(IRepetitionSource? source = null, IReadOnlyList<int>? allowedCpus = null, ICpuSource? cpu = null)
    {
        _source = source ?? new RunnerRepetitionSource(new Runner());
        _allowedCpus = allowedCpus ?? CpuAffinity.GetAllowedCpus();
        _cpu = cpu ?? new ProcCpuSource();
    }

    /// <summary>Raised with one line of progress ("iperf3-tcp4-fwd-cubic: pair 2/10").</summary>
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
            if (cancellation.IsCancellationRequested)
            {
                break;
            }

            var (rowCases, result) = RunRow(row, options, cancellation);
            cases.AddRange(rowCases);
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

    private (IReadOnlyList<CaseResult> Cases, CalibrationResult Row) RunRow(CalibrationRow row, CalibrationOptions options, CancellationToken cancellation)
    {
        string congestion = row.CongestionControl ?? "default";
        CalibrationResult Outcome(CalibrationRowOutcome outcome, string? reason, string? command = null, string? key = null, IReadOnlyList<CalibrationFigureResult>? figures = null) =>
            new(row.Id, row.Tool, command, key, row.Placement, congestion, outcome, reason, figures ?? [])
            { PairsRequested = options.Pairs, Note = row.Note };

        if (row.LoopBenchReference is null && !ToolProcess.IsInstalled(row.Executable))
        {
            return ([], Outcome(CalibrationRowOutcome.Of(CaseOutcome.SkippedToolMissing), $"{row.Executable} is not installed; apt-get install {row.AptPackage}"));
        }

        Case? referenceCase = null;
        if (!TryBuildCase(row, options, out var c, out _, out string why)
            || (row.LoopBenchReference is { } reference && !TryBuildCase(row with { CaseSettings = reference }, options, out referenceCase, out _, out why)))
        {
            return ([], Outcome(CalibrationRowOutcome.Of(CaseOutcome.SkippedPatternUnavailable), why));
        }

        if (row.Unavailable?.Invoke() is string unavailable)
        {
            return ([], Outcome(CalibrationRowOutcome.Of(CaseOutcome.SkippedPatternUnavailable), unavailable));
        }

        var resolved = c.Resolve();
        if (!PlacementPlan.TryCreate(row.Placement, _allowedCpus, out var plan, out string placementWhy))
        {
            return ([], Outcome(CalibrationRowOutcome.Of(CaseOutcome.SkippedPlacement), placementWhy, key: resolved.Key));
        }

        var invocation = row.Command?.Invoke(new ToolContext(FreeLoopbackPort(), options.DurationSeconds, options.WarmupSeconds, plan.ClientCpu, plan.ServerCpu));
        var (clientCpu, serverCpu) = row.ToolPinsItself ? (null, null) : (plan.ClientCpu, plan.ServerCpu);
        var server = invocation?.ServerArgs is null ? null : ToolProcess.StartServer(invocation.ServerArgs, serverCpu);
        PairLoopResult pairs;
        try
        {
            if (server is not null)
            {
                Thread.Sleep(ServerStartDelay);
            }

            var toolTimeout = TimeSpan.FromSeconds(options.DurationSeconds + options.WarmupSeconds + 20);
            Func<int, SideRun> referenceSide = referenceCase is not null
                ? i => LoopBenchSide(referenceCase, i, "LoopBench blocking: ", cancellation)
                : _ => ToolSide(row, invocation!, clientCpu, toolTimeout);
            var loop = new PairLoop(new QuietHostGate(options.QuietThresholdPercentOfOneCpu), _cpu);
            pairs = loop.Run(options.Pairs, options.ExtraAttempts ?? options.Pairs, i => LoopBenchSide(c, i, "LoopBench: ", cancellation), referenceSide,
                server is null ? [] : [server.Id], line => Progress?.Invoke($"{row.Id}: {line}"), cancellation);
        }
        finally
        {
            if (server is not null)
            {
                ToolProcess.Stop(server);
            }
        }

        bool enough = pairs.Clean.Count >= options.Pairs;
        var figures = CalibrationComparison.Compare(row, pairs.Clean, enough);
        var outcome = pairs.FailureOutcome is CaseOutcome failed ? CalibrationRowOutcome.Of(failed)
            : cancellation.IsCancellationRequested ? CalibrationRowOutcome.Of(CaseOutcome.Interrupted)
            : CalibrationRowOutcome.Of(CalibrationOutcomes.Combine(figures.Select(f => f.Outcome)));
        string? reason = pairs.Failure ?? (enough || cancellation.IsCancellationRequested ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{pairs.Clean.Count} clean pairs of {options.Pairs} after {pairs.Pairs.Count} attempts: the host was busy (outside load or steal above {options.QuietThresholdPercentOfOneCpu:0.#}% of one CPU)"));
        string? caseFailure = pairs.FailureOutcome == CaseOutcome.FailedTool ? null : pairs.Failure;
        var cases = new List<CaseResult> { new(resolved.Key, resolved, caseFailure is null ? CaseOutcome.Passed : pairs.FailureOutcome!.Value, caseFailure, pairs.LoopBench) };
        if (referenceCase is not null)
        {
            var blocking = referenceCase.Resolve();
            cases.Add(new CaseResult(blocking.Key, blocking, CaseOutcome.Passed, null, pairs.ReferenceRepetitions));
        }

        var result = Outcome(outcome, reason, invocation?.Describe() ?? CalibrationReference.LoopBenchBlocking.ToId(), resolved.Key, figures) with
        {
            Pairs = pairs.Pairs,
            Unsteady = ReferenceSteadiness.IsUnsteady(figures, options.MaxReferenceSpreadPercent) ? true : null,
        };
        return (cases, result);
    }

    private SideRun LoopBenchSide(Case c, int index, string prefix, CancellationToken cancellation)
    {
        var lb = _source.Run(c, index, cancellation);
        return lb.Result is not null && lb.Outcome == CaseOutcome.Passed
            ? new SideRun(lb.Result, lb.Result.Metrics, null, null)
            : SideRun.Failed(lb.Outcome, prefix + lb.Reason);
    }

    private static SideRun ToolSide(CalibrationRow row, ToolInvocation invocation, int? cpu, TimeSpan timeout)
    {
        var (ok, stdout, error) = ToolProcess.RunClient(invocation.ClientArgs, cpu, timeout);
        bool parsed = row.Parse!(stdout, out var figures, out string parseError);
        if (ok && parsed)
        {
            return new SideRun(null, figures, null, null);
        }

        // iperf3 -J reports its error inside the JSON on stdout; prefer that to the bare exit code
        return SideRun.Failed(CaseOutcome.FailedTool, parsed ? error : (ok ? parseError : $"{parseError} ({error})"));
    }

    /// <summary>A port the kernel just handed out on 127.0.0.1 (released at once; the tool binds it next).</summary>
    private static int FreeLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
