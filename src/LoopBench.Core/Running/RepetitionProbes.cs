using LoopBench.Core.Capture;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Running;

/// <summary>
/// The kernel-side measurements of one repetition, called by the coordinator only, in this order:
/// <see cref="BeforeOpen"/> (counter snapshot: it forks tc, so outside the window), <see cref="AtOpen"/>
/// (CPU start, then the runtime's GC/JIT/allocation counters, next to T0), <see cref="SampleAtOpen"/> (TCP_INFO of the first pair and of every flow at T0),
/// <see cref="Sample"/> per interval and at T1 (TCP_INFO of the first pair),
/// <see cref="AtClose"/> (the runtime's counters, then CPU stop), <see cref="SampleFlowsAtClose"/> (TCP_INFO of every flow at T1),
/// and <see cref="AfterWorkers"/> (counter deltas, capture end).
/// </summary>
internal sealed class RepetitionProbes : IDisposable
{
    private readonly bool _kernelCounters;
    private readonly IReadOnlyList<FlowProbe> _flows;
    private readonly CpuSampler _cpu = new();
    private readonly PacketCapture? _capture;
    private readonly ConnectedPair? _pair;
    private KernelCounterSnapshot? _before;
    private RuntimeSnapshot _runtimeAtOpen;

    public RepetitionProbes(bool kernelCounters, ConnectedPair? pair, IReadOnlyList<FlowProbe> flows, int expectedSamples, PacketCapture? capture)
    {
        _kernelCounters = kernelCounters;
        _flows = flows;
        _capture = capture;
        _pair = pair;
        Tcp = pair is not null && pair.Client.ProtocolType == System.Net.Sockets.ProtocolType.Tcp
            ? new TcpInfoSampler(pair.Client, pair.Server, expectedSamples)
            : null;
    }

    public TcpInfoSampler? Tcp { get; }

    /// <summary>
    /// Probes of the same sockets with samplers of their own, no kernel counters and no capture: the
    /// coordinator rehearses the window on them before T0, and what they read is thrown away.
    /// </summary>
    public RepetitionProbes Rehearsal() =>
        new(kernelCounters: false, _pair, _flows.Select(f => f.Copy()).ToArray(), expectedSamples: 2, capture: null);

    public CpuResult? Cpu { get; private set; }

    /// <summary>GC, JIT and allocations between <see cref="AtOpen"/> and <see cref="AtClose"/>, every thread included.</summary>
    public RuntimeResult? Runtime { get; private set; }

    public IReadOnlyList<CounterDeltaResult>? Counters { get; private set; }

    public CaptureResult? Capture { get; private set; }

    public void BeforeOpen()
    {
        if (_kernelCounters)
        {
            _before = KernelCounters.Snapshot();
        }
    }

    /// <summary>
    /// T0: CPU start, then the runtime's counters, so that the CPU sampler's own reads (and their first-call
    /// JIT) are not charged to the window's runtime figures.
    /// </summary>
    public void AtOpen()
    {
        _cpu.Start();
        _runtimeAtOpen = RuntimeSnapshot.Take();
    }

    public void Sample(long atNs) => Tcp?.Sample(atNs);

    /// <summary>T0: the first pair's sample and every flow's, the baselines of the window's and the first interval's retransmits.</summary>
    public void SampleAtOpen()
    {
        Tcp?.Sample(0);
        foreach (var flow in _flows)
        {
            flow.SampleAtOpen();
        }
    }

    /// <summary>More than one flow probe (parallel flows, or two-socket bidir): interval figures sum over the flows.</summary>
    public bool ManyFlows => _flows.Count > 1;

    /// <summary>
    /// Segments retransmitted inside the window by both ends of every flow (crr, which has no
    /// flow probes: of the first pair); null without TCP_INFO.
    /// </summary>
    public long? WindowRetransmits() =>
        _flows.Count == 0
            ? (Tcp is null ? null : TcpInfoSampler.RetransBetweenFirstAndLast(Tcp.Samples))
            : SumOfKnown(_flows.Select(f => f.WindowRetransmits));

    /// <summary>
    /// Every flow's retransmits since connect, both ends, summed: at the flows' latest samples
    /// (right after <see cref="SampleAtOpen"/> or <see cref="SampleFlowsAtClose"/>) or read now;
    /// null when no flow has TCP_INFO.
    /// </summary>
    public long? FlowsRetransTotal(bool atLastSamples)
    {
        long? total = null; // a loop, not LINQ: this runs on every interval inside the window
        for (int i = 0; i < _flows.Count; i++)
        {
            if ((atLastSamples ? _flows[i].LastRetransTotal() : _flows[i].ReadRetransTotal()) is long known)
            {
                total = (total ?? 0) + known;
            }
        }

        return total;
    }

    /// <summary>TCP_INFO of every flow's pair at T1 (two getsockopt per pair, after the window closed).</summary>
    public void SampleFlowsAtClose(long atNs)
    {
        foreach (var flow in _flows)
        {
            flow.SampleAtClose(atNs);
        }
    }

    /// <summary>T1: the runtime's counters first (as <see cref="AtOpen"/>: the CPU sampler's reads stay outside), then CPU stop.</summary>
    public void AtClose(IReadOnlyCollection<int> workerThreadIds, long bytes, long? transactions)
    {
        Runtime = RuntimeSnapshot.Take().Since(_runtimeAtOpen);
        Cpu = _cpu.Stop(workerThreadIds, bytes, transactions);
    }

    /// <summary>After the workers stopped: counter deltas, capture end.</summary>
    public void AfterWorkers()
    {
        if (_before is not null)
        {
            Counters = KernelCounters.Delta(_before, KernelCounters.Snapshot());
        }

        Capture = _capture?.Stop();
    }

    public void Dispose() => _capture?.Dispose();

    /// <summary>The sum of the values that are known; null when none is.</summary>
    private static long? SumOfKnown(IEnumerable<long?> values)
    {
        long? total = null;
        foreach (long? value in values)
        {
            if (value is long known)
            {
                total = (total ?? 0) + known;
            }
        }

        return total;
    }
}
