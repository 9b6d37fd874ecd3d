using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// Runs cases: connects a pair, starts each end on the case's engine with its placement, and
/// coordinates warm-up, the global window [T0, T1], interval samples and the drain.
/// </summary>
internal sealed class Runner
{
    private readonly RunnerOptions _options;
    private readonly IReadOnlyList<int> _allowedCpus;
    private readonly KnobWiring _knobs = new();
    private string? _countersScope;

    /// <summary>Creates a runner; <paramref name="allowedCpus"/> defaults to this thread's affinity.</summary>
    public Runner(RunnerOptions? options = null, IReadOnlyList<int>? allowedCpus = null)
    {
        _options = options ?? new RunnerOptions();
        _allowedCpus = allowedCpus ?? CpuAffinity.GetAllowedCpus();
    }

    /// <summary>Where kernel counters come from: the caller's word, else detected once ("netns" or "host").</summary>
    private string CountersScope => _countersScope ??= _options.KernelCountersScope ?? NetworkNamespaceScope.Detect();

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
        if (!PlacementPlan.TryCreate(resolved, _allowedCpus, out var plan, out string skip))
        {
            return new CaseResult(resolved.Key, resolved, CaseOutcome.SkippedPlacement, skip, done);
        }

        if (EngineFactory.PlacementSkipReason(resolved.Engine, resolved.Placement) is string engineSkip)
        {
            return new CaseResult(resolved.Key, resolved, CaseOutcome.SkippedEnginePlacement, engineSkip, done);
        }

        for (int index = 0; index < repetitions && !cancellation.IsCancellationRequested; index++)
        {
            var (repetition, outcome, reason) = RunRepetition(resolved, index, plan, cancellation);
            if (repetition is not null)
            {
                done.Add(repetition);
            }

            if (outcome != CaseOutcome.Passed)
            {
                return new CaseResult(resolved.Key, resolved, outcome, reason, done);
            }
        }

        return new CaseResult(resolved.Key, resolved, CaseOutcome.Passed, null, done);
    }

    /// <summary>
    /// Runs one repetition of a validated case (its own pair, warm-up and window). Schedulers that
    /// interleave repetitions across cases call this and assemble <see cref="CaseResult"/>s themselves.
    /// </summary>
    public RepetitionOutcome RunRepetition(Case candidate, int index, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var resolved = candidate.Resolve();
        if (!PlacementPlan.TryCreate(resolved, _allowedCpus, out var plan, out string skip))
        {
            return new RepetitionOutcome(null, CaseOutcome.SkippedPlacement, skip);
        }

        if (EngineFactory.PlacementSkipReason(resolved.Engine, resolved.Placement) is string engineSkip)
        {
            return new RepetitionOutcome(null, CaseOutcome.SkippedEnginePlacement, engineSkip);
        }

        var (result, outcome, reason) = RunRepetition(resolved, index, plan, cancellation);
        return new RepetitionOutcome(result, outcome, reason);
    }

    private (RepetitionResult? Result, CaseOutcome Outcome, string? Reason) RunRepetition(
        Case c, int index, PlacementPlan plan, CancellationToken cancellation)
    {
        if (InlineCompletions.MissingReason(c.Engine) is string inline)
        {
            return (null, CaseOutcome.FailedSetup, inline);
        }

        if (c.Transport.IsIpv6() && !System.Net.Sockets.Socket.OSSupportsIPv6)
        {
            return (null, CaseOutcome.SkippedTransport, $"{c.Transport.ToId()} needs IPv6, which is disabled on this host");
        }

        var engine = EngineFactory.Create(c.Engine, c.ReceiveSpin ?? 0, c.Spin, c.ReceiveLowatBytes ?? 0);
        var window = new MeasureWindow(_options.Clock);
        RepetitionFlows flows;
        try
        {
            flows = BuildFlows(c, engine, window, plan);
        }
        catch (TransportSetupException ex)
        {
            return ex.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressFamilyNotSupported }
                ? (null, CaseOutcome.SkippedTransport, $"{c.Transport.ToId()} is not offered by this host: {ex.Message}")
                : (null, CaseOutcome.FailedSetup, ex.Message);
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
                WorkerStop.Abort(ends);
                return (null, CaseOutcome.FailedSetup, "workers did not reach the start barrier");
            }

            long timeWaitBefore = KernelSocketStats.TcpTimeWait();
            int samples = (int)Math.Min(1024, c.IntervalMs > 0 ? (c.DurationMs / c.IntervalMs) + 2 : 2);
            using var probes = new RepetitionProbes(_options.KernelCounters, flows.FirstPair, flows.Probes, samples, StartCapture(c, index, flows.Owned));
            var coordination = Coordinate(c, index, ends, workers, window, probes, cancellation);
            long timeWaitAtT1 = KernelSocketStats.TcpTimeWait();
            string? stopFailure = WorkerStop.Drain(ends, workers, _options.DrainTimeout);
            probes.AfterWorkers();
            var result = RepetitionRecord.Build(c, index, coordination, flows, workers, window, probes, (timeWaitBefore, timeWaitAtT1), () => CountersScope);
            string? failure = coordination.Failure ?? stopFailure ?? WorkerStop.Failure(ends, workers);
            if (failure is not null)
            {
                return (result, stopFailure is not null && coordination.Failure is null ? CaseOutcome.FailedTimeout : CaseOutcome.FailedWorker, failure);
            }

            if (coordination.Interrupted)
            {
                return (result, CaseOutcome.Interrupted, null);
            }

            return IdleWindow.Reason(c, result) is string idle ? (result, CaseOutcome.FailedNoTraffic, idle) : (result, CaseOutcome.Passed, null);
        }
    }

    /// <remarks>
    /// Everything the loop needs is allocated before T0 (the CPU sets, the interval list at its expected
    /// size, the per-flow arrays, the thread ids, a last-CPU reader per worker, one "a worker ended" signal), so that inside the window
    /// the coordinator allocates only what it hands out: each interval's record and its per-flow bytes,
    /// and the TCP_INFO samples. The runtime figures (<see cref="RepetitionProbes.Runtime"/>) show the rest.
    /// </remarks>
    private Coordination Coordinate(
        Case c, int index, IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers, MeasureWindow window, RepetitionProbes probes,
        CancellationToken cancellation)
    {
        var cpus = new HashSet<int>[ends.Count];
        for (int i = 0; i < cpus.Length; i++)
        {
            cpus[i] = [];
        }

        long intervalTicks = TicksOf(c.IntervalMs);
        var intervals = new List<IntervalResult>(c.IntervalMs > 0 ? (int)Math.Min(1024, (c.DurationMs / c.IntervalMs) + 2) : 0);
        bool counted = c.IsCountBased;
        using var ended = new WorkerEndSignal(workers);
        using var cpuReaders = new CpuReaders(workers);
        int[] threadIds = workers.Select(w => w.ThreadId).Where(t => t > 0).ToArray();
        var pattern = TrafficPatterns.Of(c.Pattern);
        var clock = _options.Clock;
        var wake = WindowWait.Until(clock, clock.NowTicks() + TicksOf(c.WarmupMs), counted, ends, workers, ended, cancellation);
        probes.BeforeOpen();
        window.Open();
        probes.AtOpen();
        probes.SampleAtOpen(); // T0: the baseline of the window's retransmits, and of the first interval's
        var startedUtc = DateTimeOffset.UtcNow;
        long t0 = window.T0Ticks;
        long end = t0 + TicksOf(c.DurationMs);
        var lines = new IntervalSampler(ends, probes, pattern, t0, enabled: intervalTicks > 0);
        while (true)
        {
            if (wake == WindowWake.Deadline)
            {
                long next = intervalTicks > 0 ? Math.Min(lines.PreviousTicks + intervalTicks, end) : end;
                wake = WindowWait.Until(clock, next, counted, ends, workers, ended, cancellation);
            }

            bool last = wake != WindowWake.Deadline || clock.NowTicks() >= end;
            if (last)
            {
                // CPU first: once the window closes the workers leave and their /proc entries go.
                var atClose = EndTotals.Primary(ends);
                probes.AtClose(threadIds, atClose.Bytes, pattern.RequestResponse ? atClose.Transactions : null);
                window.CloseAt(wake == WindowWake.CountReached ? WindowWait.LastFinished(ends) : long.MaxValue);
            }

            long now = last ? window.T1Ticks : clock.NowTicks();
            Observe(cpus, cpuReaders.All);
            lines.ReadCounters();
            probes.Sample(Timestamps.ToNs(now - t0));
            if (last)
            {
                probes.SampleFlowsAtClose(Timestamps.ToNs(now - t0));
            }

            if (lines.Complete(now, last) is { } sample)
            {
                intervals.Add(sample);
                IntervalCompleted?.Invoke(c, index, sample);
            }

            if (last)
            {
                break;
            }
        }

        string? failure = wake == WindowWake.WorkerEnded ? WorkerStop.Failure(ends, workers) ?? "a worker stopped before the window closed" : null;
        WindowEnd? endedBy = !counted ? null : wake switch
        {
            WindowWake.CountReached => WindowEnd.Count,
            WindowWake.Deadline => WindowEnd.TimeCap,
            _ => null,
        };
        return new Coordination(startedUtc, wake == WindowWake.Cancelled, failure, intervals, cpus, endedBy);
    }

    /// <summary>Opens the repetition's flows as the case's pattern lays them out, or its one split flow (processes: 2).</summary>
    private RepetitionFlows BuildFlows(Case c, IEngine engine, MeasureWindow window, PlacementPlan plan)
    {
        if (FileDescriptorBudget.ShortfallFor(c) is string shortfall)
        {
            throw new TransportSetupException(shortfall);
        }

        var transport = _knobs.WithKnobHooks(CaseTransportOptions.Of(c), c);
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

    private Capture.PacketCapture? StartCapture(Case c, int index, IEnumerable<IDisposable> owned)
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
            Path.Combine(directory, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}-r{index}.pcap")), c.CapturePackets, Capture.CaptureScope.Of(c.Transport, owned));
    }

    private static long TicksOf(long milliseconds) => Timestamps.FromTimeSpan(TimeSpan.FromMilliseconds(milliseconds));

    private static void Observe(HashSet<int>[] cpus, LastCpuReader[] readers)
    {
        for (int i = 0; i < readers.Length; i++)
        {
            int cpu = readers[i].Read();
            if (cpu >= 0)
            {
                cpus[i].Add(cpu);
            }
        }
    }
}
