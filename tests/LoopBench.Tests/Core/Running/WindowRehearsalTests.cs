using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>The coordinator rehearses the window before T0 on throwaway probes: none of it reaches the repetition.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class WindowRehearsalTests
{
    [Fact(Timeout = 20_000)]
    public void Rehearsal_ReadsTheSameSockets_AndLeavesTheRealProbesUntouched()
    {
        using var pair = LoopbackPairs.Tcp4();
        using var probes = new RepetitionProbes(kernelCounters: false, pair, [new FlowProbe(0, TrafficDirection.ClientToServer, pair, null)], expectedSamples: 4, capture: null);

        using (var rehearsal = probes.Rehearsal())
        {
            rehearsal.AtOpen();
            rehearsal.SampleAtOpen();
            rehearsal.Sample(1_000);
            rehearsal.AtClose([], bytes: 0, transactions: null);
            rehearsal.SampleFlowsAtClose(1_000);

            Assert.Equal(4, rehearsal.Tcp!.Samples.Count); // client and server, at T0 and at 1 µs
            Assert.NotNull(rehearsal.Cpu);
            Assert.NotNull(rehearsal.Runtime);
            Assert.Equal(0, rehearsal.FlowsRetransTotal(atLastSamples: true));
        }

        Assert.Empty(probes.Tcp!.Samples);
        Assert.Null(probes.Cpu);
        Assert.Null(probes.Runtime);
        Assert.Null(probes.FlowsRetransTotal(atLastSamples: true)); // the real flow probe was never sampled
    }

    /// <summary>On the real clock, where the rehearsal's own window lasts a few microseconds and makes a line of its own.</summary>
    [Fact(Timeout = 20_000)]
    public void RehearsedRepetition_ReportsOnlyItsOwnIntervals_FromT0()
    {
        var runner = new Runner(new RunnerOptions { KernelCounters = false });
        var reported = new List<IntervalResult>();
        runner.IntervalCompleted += (_, _, sample) => reported.Add(sample);

        var result = runner.RunCase(new Case { WarmupMs = 100, DurationMs = 300, IntervalMs = 100 }, cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        var rep = Assert.Single(result.Repetitions);
        Assert.Equal(rep.Intervals, reported);
        Assert.Equal(0, rep.Intervals[0].StartNs);
        Assert.True(rep.Intervals[0].EndNs >= 100_000_000, $"the first line ends at {rep.Intervals[0].EndNs} ns");
        Assert.Equal(0, rep.TcpInfo![0].AtNs); // the window's first TCP_INFO sample is its own T0's
    }
}
