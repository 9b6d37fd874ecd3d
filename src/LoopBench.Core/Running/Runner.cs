using System.Net;
using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Safety;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// Runs cases: connects a pair, starts each end on the case's engine with its placement, and
/// coordinates warm-up, the global window [T0, T1], interval samples and the drain.
/// </summary>
public sealed partial class Runner
{
    private readonly RunnerOptions _options;
    private readonly IReadOnlyList<int> _allowedCpus;
    private readonly KnobWiring _knobs = new();

    /// <summary>Creates a runner; <paramref name="allowedCpus"/> defaults to this thread's affinity.</summary>
    public Runner(RunnerOptions? options = null, IReadOnlyList<int>? allowedCpus = null)
    {
        _options = options ?? new RunnerOptions();
        _allowedCpus = allowedCpus ?? CpuAffinity.GetAllowedCpus();
    }

    /// <summary>Raised on the coordinator thread after each interval, with the repetition index.</summary>
    public event Action<Case, int, IntervalResult>? IntervalCompleted;

    /// <summary>
    /// Runs <paramref name="repetitions"/> repetitions of a validated case. Setup failures and skips
    /// become the outcome; Ctrl-C (<paramref name="cancellation"/>) keeps what was measured.
    /// </summary>
    public CaseResult RunCase(Case candidate, int repetitions = 1, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var resolved = candidate.Resolve();
        var done = new List<RepetitionResult>();
        if (!PlacementPlan.TryCreate(resolved.Placement, _allowedCpus, out var plan, out string skip))
        {
            return new CaseResult(resolved.Key, resolved, Outcomes.SkippedPlacement, skip, done);
        }

        if (EngineFactory.PlacementSkipReason(resolved.Engine, resolved.Placement) is string engineSkip)
        {
            return new CaseResult(resolved.Key, resolved, Outcomes.SkippedEnginePlacement, engineSkip, done);
        }

        for (int index = 0; index < repetitions && !cancellation.IsCancellationRequested; index++)
        {
            var (repetition, outcome, reason) = RunRepetition(resolved, index, plan, cancellation);
            if (repetition is not null)
            {
                done.Add(repetition);
            }

            if (outcome != Outcomes.Passed)
            {
                return new CaseResult(resolved.Key, resolved, outcome, reason, done);
            }
        }

        return new CaseResult(resolved.Key, resolved, Outcomes.Passed, null, done);
    }

    /// <summary>
    /// Runs one repetition of a validated case (its own pair, warm-up and window). Schedulers that
    /// interleave repetitions across cases call this and assemble <see cref="CaseResult"/>s themselves.
    /// </summary>
    public RepetitionOutcome RunRepetition(Case candidate, int index, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var resolved = candidate.Resolve();
        if (!PlacementPlan.TryCreate(resolved.Placement, _allowedCpus, out var plan, out string skip))
        {
            return new RepetitionOutcome(null, Outcomes.SkippedPlacement, skip);
        }

        if (EngineFactory.PlacementSkipReason(resolved.Engine, resolved.Placement) is string engineSkip)
        {
            return new RepetitionOutcome(null, Outcomes.SkippedEnginePlacement, engineSkip);
        }

        var (result, outcome, reason) = RunRepetition(resolved, index, plan, cancellation);
        return new RepetitionOutcome(result, outcome, reason);
    }

    private (RepetitionResult? Result, string Outcome, string? Reason) RunRepetition(
        Case c, int index, PlacementPlan plan, CancellationToken cancellation)
    {
        if (InlineCompletions.MissingReason(c.Engine) is string inline)
        {
            return (null, Outcomes.FailedSetup, inline);
        }

        if (c.Transport.IsIpv6() && !System.Net.Sockets.Socket.OSSupportsIPv6)
        {
            return (null, Outcomes.SkippedTransport, $"{c.Transport.ToId()} needs IPv6, which is disabled on this host");
        }

        var engine = EngineFactory.Create(c.Engine);
        var window = new MeasureWindow();
        RepetitionFlows flows;
        try
        {
            flows = BuildFlows(c, engine, window, plan);
        }
        catch (TransportSetupException ex)
        {
            return ex.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressFamilyNotSupported }
                ? (null, Outcomes.SkippedTransport, $"{c.Transport.ToId()} is not offered by this host: {ex.Message}")
                : (null, Outcomes.FailedSetup, ex.Message);
        }

        using (flows)
        {
            var ends = flows.Ends;
            using var barrier = new Barrier(ends.Count + 1);
            var workers = ends
                .Select(e => engine.Start(new WorkerSpec(e.Name, plan.CpuFor(e.Role), e.Body, barrier, _options.BarrierTimeout)))
                .ToArray();
            if (!barrier.SignalAndWait(_options.BarrierTimeout))
            {
                Abort(ends);
                return (null, Outcomes.FailedSetup, "workers did not reach the start barrier");
            }

            long timeWaitBefore = KernelSocketStats.TcpTimeWait();
            int samples = (int)Math.Min(1024, c.IntervalMs > 0 ? (c.DurationMs / c.IntervalMs) + 2 : 2);
            using var probes = new RepetitionProbes(_options.KernelCounters, flows.FirstPair, flows.Probes, samples, StartCapture(c, index));
            var coordination = Coordinate(c, index, ends, workers, window, probes, cancellation);
            long timeWaitAtT1 = KernelSocketStats.TcpTimeWait();
            string? stopFailure = WaitForWorkers(ends, workers);
            probes.AfterWorkers();
            var flowProbes = FlowProbeResults(flows, ends);
            var socket = flows.Socket ?? CrrSocketSettings(ends); // crr connects per transaction: its last connection's read-back
            var result = BuildResult(c, index, coordination, ends, workers, window, socket, (timeWaitBefore, timeWaitAtT1)) with
            {
                Knobs = WithCopyModes(c, flowProbes.FirstOrDefault()?.Knobs, ends),
                TcpInfo = probes.Tcp?.Samples.ToArray() ?? flowProbes.FirstOrDefault()?.TcpInfo,
                FlowProbes = flowProbes.Count > 0 ? flowProbes : null,
                KernelCounters = probes.Counters,
                KernelCountersScope = probes.Counters is null ? null : CountersScope,
                Cpu = probes.Cpu,
                Runtime = probes.Runtime,
                Capture = probes.Capture,
            };
            result = flows.ServerChild?.Amend(result, window) ?? result;
            AddProbeMetrics(result.Metrics, probes, TrafficPatterns.Of(c.Pattern));
            result.Metrics[MetricIds.StrayConnections] = flows.StrayConnections + ends.Sum(e => e.StrayConnections);

            string? failure = coordination.Failure ?? stopFailure ?? WorkerFailure(ends, workers);
            return failure is not null
                ? (result, stopFailure is not null && coordination.Failure is null ? Outcomes.FailedTimeout : Outcomes.FailedWorker, failure)
                : (result, coordination.Interrupted ? Outcomes.Interrupted : Outcomes.Passed, null);
        }
    }

    /// <summary>Opens the repetition's flows as the case's pattern lays them out, or its one split flow (processes: 2).</summary>
    private RepetitionFlows BuildFlows(Case c, IEngine engine, MeasureWindow window, PlacementPlan plan)
    {
        if (FileDescriptorBudget.ShortfallFor(c) is string shortfall)
        {
            throw new TransportSetupException(shortfall);
        }

        var transport = _knobs.WithKnobHooks(TransportOptionsOf(c), c);
        transport = _options.TransportHook?.Invoke(transport) ?? transport;
        var flows = new RepetitionFlows(c, engine, window, transport, _knobs, _options.ConnectTimeout);
        try
        {
            var pattern = TrafficPatterns.Of(c.Pattern);
            if (c.Processes != 1)
            {
                flows.AddChildServerFlow(pattern, _options, plan.ServerCpu);
            }
            else
            {
                pattern.AddFlows(flows);
            }

            return flows;
        }
        catch
        {
            flows.Dispose();
            throw;
        }
    }

    private Capture.PacketCapture? StartCapture(Case c, int index)
    {
        if (c.CapturePackets <= 0)
        {
            return null;
        }

        string directory = _options.CaptureDirectory ?? Directory.GetCurrentDirectory();
        string name = new string(c.Key.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' ? ch : '_').ToArray());
        if (name.Length > 150)
        {
            name = name[..150];
        }

        return Capture.PacketCapture.Start(
            Path.Combine(directory, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}-r{index}.pcap")), c.CapturePackets);
    }

    internal static TransportOptions TransportOptionsOf(Case c)
    {
        IPAddress? address = null;
        IPAddress? source = null;
        if (c.Transport.IsIp() && !LoopbackAddress.TryResolve(c.Bind!, c.Transport, out address, out string error))
        {
            throw new TransportSetupException(error);
        }

        if (c.Source is not null && !LoopbackAddress.TryResolve(c.Source, c.Transport, out source, out string sourceError))
        {
            throw new TransportSetupException(sourceError);
        }

        return new TransportOptions(c.Transport, address, c.Port, c.UnixDirectory) { Source = source, UnixAbstract = c.UnixAbstract };
    }

    private string? WaitForWorkers(IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers)
    {
        var completions = workers.Select(w => w.Completion).ToArray();
        try
        {
            if (Task.WaitAll(completions, _options.DrainTimeout))
            {
                return null;
            }
        }
        catch (AggregateException)
        {
            return null; // worker exceptions are reported by WorkerFailure
        }

        var stuck = workers.Where(w => !w.Completion.IsCompleted).Select(w => w.Name);
        string reason = $"{string.Join(", ", stuck)} did not stop within {_options.DrainTimeout.TotalSeconds:0.#} s after the window closed";
        Abort(ends);
        try
        {
            Task.WaitAll(completions, TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // aborted workers fault; the timeout is the reason
        }

        return reason;
    }

    private static string? WorkerFailure(IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers)
    {
        for (int i = 0; i < ends.Count; i++)
        {
            if (workers[i].Completion.Exception?.InnerException is Exception ex)
            {
                return $"{ends[i].Name}: {ex.Message}";
            }

            if (ends[i].Failure is string failure)
            {
                return $"{ends[i].Name}: {failure}";
            }
        }

        return null;
    }

    private static void Abort(IReadOnlyList<WorkloadEnd> ends)
    {
        foreach (var end in ends)
        {
            end.Channel.Abort();
        }
    }
}
