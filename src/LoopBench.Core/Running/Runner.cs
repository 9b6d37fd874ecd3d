using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// Runs cases and coordinates each repetition: sets it up through <see cref="RepetitionSetup"/>, starts
/// each end on the case's engine with its placement, then warm-up, the global window [T0, T1], interval
/// samples, the drain, and the collection of what was measured.
/// </summary>
internal sealed class Runner
{
    private readonly RunnerOptions _options;
    private readonly IReadOnlyList<int> _allowedCpus;
    private readonly RepetitionSetup _setup;
    private CountersScope? _countersScope;

    /// <summary>Creates a runner; <paramref name="allowedCpus"/> defaults to this thread's affinity.</summary>
    public Runner(RunnerOptions? options = null, IReadOnlyList<int>? allowedCpus = null)
    {
        _options = options ?? new RunnerOptions();
        _allowedCpus = allowedCpus ?? CpuAffinity.GetAllowedCpus();
        _setup = new RepetitionSetup(_options);
    }

    /// <summary>Where kernel counters come from: the caller's word, else detected once.</summary>
    private CountersScope CountersScope => _countersScope ??= _options.KernelCountersScope ?? NetworkNamespaceScope.Detect();

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
        var (plan, skip, skipReason) = CasePlacement.Plan(resolved, _allowedCpus);
        if (plan is null)
        {
            return new CaseResult(resolved.Key, resolved, skip, skipReason, done);
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
        var (plan, skip, skipReason) = CasePlacement.Plan(resolved, _allowedCpus);
        if (plan is null)
        {
            return new RepetitionOutcome(null, skip, skipReason);
        }

        var (result, outcome, reason) = RunRepetition(resolved, index, plan, cancellation);
        return new RepetitionOutcome(result, outcome, reason);
    }

    private (RepetitionResult? Result, CaseOutcome Outcome, string? Reason) RunRepetition(
        Case c, int index, PlacementPlan plan, CancellationToken cancellation)
    {
        var (engine, opened, setupOutcome, setupReason) = _setup.Open(c, plan);
        if (engine is null || opened is null)
        {
            return (null, setupOutcome, setupReason);
        }

        using var flows = opened;
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
        var capture = RepetitionCapture.Start(c, index, flows.Owned, _options.CaptureDirectory);
        using var probes = new RepetitionProbes(_options.KernelCounters, flows.FirstPair, flows.Probes, samples, capture);
        var coordination = Coordinate(c, index, ends, workers, flows.Window, probes, cancellation);
        long timeWaitAtT1 = KernelSocketStats.TcpTimeWait();
        string? stopFailure = WorkerStop.Drain(ends, workers, _options.DrainTimeout);
        probes.AfterWorkers();
        var result = RepetitionRecord.Build(c, index, coordination, flows, workers, flows.Window, probes, (timeWaitBefore, timeWaitAtT1), () => CountersScope);
        var (outcome, reason) = RepetitionVerdict.Of(c, result, coordination, stopFailure, ends, workers);
        return (result, outcome, reason);
    }

    /// <remarks>
    /// Everything the loop needs is allocated before T0 (the CPU sets, the interval list at its expected
    /// size, the per-flow arrays, the thread ids, a last-CPU reader per worker, one "a worker ended" signal), so that inside the window
    /// the coordinator allocates only what it hands out: each interval's record and its per-flow bytes,
    /// and the TCP_INFO samples. The runtime figures (<see cref="RepetitionProbes.Runtime"/>) show the rest.
    /// The window's own code first runs once in the warm-up, on a throwaway window and probes, as
    /// BenchmarkDotNet's jitting stage runs a benchmark once before it measures: every method it calls
    /// is compiled on its first call, and in a process's first window that was 100-300 compilations
    /// and 30-120 ms of the coordinator's CPU, taken from the workers on a small host.
    /// </remarks>
    private Coordination Coordinate(
        Case c, int index, IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers, MeasureWindow window, RepetitionProbes probes,
        CancellationToken cancellation)
    {
        bool counted = c.IsCountBased;
        using var ended = new WorkerEndSignal(workers);
        var clock = _options.Clock;
        long warmedUp = clock.NowTicks() + TicksOf(c.WarmupMs);
        using (var rehearsal = probes.Rehearsal())
        {
            // A count-based case's senders wait for T0 (MeasureWindow.WaitUntilOpen): the rehearsal moves nothing of theirs.
            _ = Measure(c, index, ends, workers, new MeasureWindow(clock), rehearsal, ended, WindowWake.Deadline, windowTicks: 0, rehearsing: true, cancellation);
        }

        var (wake, extended) = WarmupEnd.Wait(
            _options.CompiledMethods, warmedUp, settle: c.WarmupMs > 0, deadline => WindowWait.Until(clock, deadline, counted, ends, workers, ended, cancellation));
        return Measure(c, index, ends, workers, window, probes, ended, wake, TicksOf(c.DurationMs), rehearsing: false, cancellation) with
        {
            WarmupExtendedNs = Timestamps.ToNs(extended),
        };
    }

    /// <summary>T0 to T1 of <paramref name="window"/>, <paramref name="windowTicks"/> long; a rehearsal reports no interval lines.</summary>
    private Coordination Measure(
        Case c, int index, IReadOnlyList<WorkloadEnd> ends, WorkerHandle[] workers, MeasureWindow window, RepetitionProbes probes,
        WorkerEndSignal ended, WindowWake wake, long windowTicks, bool rehearsing, CancellationToken cancellation)
    {
        long intervalTicks = TicksOf(c.IntervalMs);
        var intervals = new List<IntervalResult>(c.IntervalMs > 0 ? (int)Math.Min(1024, (c.DurationMs / c.IntervalMs) + 2) : 0);
        bool counted = c.IsCountBased;
        using var cpuReaders = new CpuReaders(workers);
        int[] threadIds = workers.Select(w => w.ThreadId).Where(t => t > 0).ToArray();
        var pattern = TrafficPatterns.Of(c.Pattern);
        var clock = _options.Clock;
        probes.BeforeOpen();
        window.Open();
        probes.AtOpen();
        probes.SampleAtOpen(); // T0: the baseline of the window's retransmits, and of the first interval's
        cpuReaders.ReadAtOpen();
        var startedUtc = DateTimeOffset.UtcNow;
        long t0 = window.T0Ticks;
        long end = t0 + windowTicks;
        var lines = new IntervalSampler(ends, probes, pattern, t0, enabled: intervalTicks > 0);
        while (true)
        {
            if (wake == WindowWake.Deadline)
            {
                long next = intervalTicks > 0 ? Math.Min(lines.PreviousTicks + intervalTicks, end) : end;
                wake = WindowWait.Until(clock, next, counted, ends, workers, ended, cancellation);
            }

            bool last = wake != WindowWake.Deadline || clock.NowTicks() >= end;
            cpuReaders.Observe(); // before the close: a worker that leaves at once takes its /proc entry with it
            if (last)
            {
                // CPU first: once the window closes the workers leave and their /proc entries go.
                cpuReaders.ReadAtClose();
                var atClose = EndTotals.Primary(ends);
                probes.AtClose(threadIds, atClose.Bytes, pattern.RequestResponse ? atClose.Transactions : null);
                window.CloseAt(wake == WindowWake.CountReached ? WindowWait.LastFinished(ends) : long.MaxValue);
            }

            long now = last ? window.T1Ticks : clock.NowTicks();
            lines.ReadCounters();
            probes.Sample(Timestamps.ToNs(now - t0));
            if (last)
            {
                probes.SampleFlowsAtClose(Timestamps.ToNs(now - t0));
            }

            if (lines.Complete(now, last) is { } sample && !rehearsing)
            {
                intervals.Add(sample);
                IntervalCompleted?.Invoke(c, index, sample);
            }

            if (last)
            {
                break;
            }
        }

        return Coordination.After(wake, counted, startedUtc, ends, workers, intervals, cpuReaders);
    }

    private static long TicksOf(long milliseconds) => Timestamps.FromTimeSpan(TimeSpan.FromMilliseconds(milliseconds));
}
