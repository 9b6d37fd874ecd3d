using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Plotting;

/// <summary>Run documents shaped like real ones (summaries, intervals, latency buckets), seeded.</summary>
internal static class PlotFixtures
{
    public static readonly int[] Sizes = [512, 4096, 65536, 262144];

    /// <summary>tcp4 and unix-stream stream cases over four message sizes, 10 repetitions each, with stored summaries and intervals.</summary>
    public static RunResult SizeSweep(string runId = "20261123T100000Z-aaaa", double factor = 1.0, int seed = 12345)
    {
        var random = new Random(seed);
        var cases = new List<CaseResult>();
        foreach (var transport in new[] { TransportKind.Tcp4, TransportKind.UnixStream })
        {
            foreach (int size in Sizes)
            {
                var c = new Case { Transport = transport, MessageBytes = size, DurationMs = 1000, WarmupMs = 200 }.Resolve();
                double gbps = factor * (transport == TransportKind.Tcp4 ? 4 : 6) * Math.Log2(size) * 1e9 / 10;
                cases.Add(Stream(c, SyntheticRuns.Noisy(random, 10, gbps, 0.03), random));
            }
        }

        return SyntheticRuns.Run(runId, cases) with { Scenario = "size-sweep", Label = "test", Settings = new RunSettings(10, false, 42, 30_000, null, null, 30, [], []) };
    }

    /// <summary>rr cases on three placements (a categorical axis), with latency histograms.</summary>
    public static RunResult Placements()
    {
        var random = new Random(777);
        var cases = new List<CaseResult>();
        foreach (var placement in new[] { PlacementKind.Unpinned, PlacementKind.SameCpu, PlacementKind.Split })
        {
            foreach (var transport in new[] { TransportKind.Tcp4, TransportKind.UnixStream })
            {
                var c = new Case { Transport = transport, Pattern = PatternKind.Rr, Placement = placement, DurationMs = 1000, WarmupMs = 200 }.Resolve();
                long centre = (placement == PlacementKind.Split ? 40_000 : 13_000) + (transport == TransportKind.Tcp4 ? 4_000 : 0);
                cases.Add(Rr(c, centre, random));
            }
        }

        return SyntheticRuns.Run("20261123T110000Z-bbbb", cases) with { Scenario = "latency-placement" };
    }

    /// <summary>50 distinct stream cases of one transport, for readability.</summary>
    public static RunResult Fifty()
    {
        var random = new Random(50);
        var cases = Enumerable.Range(0, 50).Select(i =>
            Stream(new Case { MessageBytes = 100 + (i * 37), Engine = i % 2 == 0 ? EngineKind.Blocking : EngineKind.Async, DurationMs = 1000, WarmupMs = 200 }.Resolve(),
                SyntheticRuns.Noisy(random, 5, 5e9, 0.05), random)).ToList();
        return SyntheticRuns.Run("20261123T120000Z-cccc", cases);
    }

    /// <summary>Every case failed at setup.</summary>
    public static RunResult NonePassed() =>
        SyntheticRuns.Run("20261123T130000Z-dddd", [SyntheticRuns.Case(SyntheticRuns.StreamCase(0), new Dictionary<string, double[]>(), CaseOutcome.FailedSetup, "port in use")]);

    private static CaseResult Stream(Case c, double[] bps, Random random)
    {
        var reps = bps.Select((v, i) => Repetition(i, new() { [MetricIds.ThroughputBitsPerSecond] = v, [MetricIds.Bytes] = v / 8 },
            Intervals(random, v / 8, 0), null)).ToList();
        return Summarised(c, reps, MetricIds.ThroughputBitsPerSecond);
    }

    private static CaseResult Rr(Case c, long centreNs, Random random)
    {
        var reps = Enumerable.Range(0, 10).Select(i =>
        {
            var h = new LatencyHistogram();
            for (int k = 0; k < 5000; k++)
            {
                h.Record((long)(centreNs * Math.Exp(random.NextDouble() * random.NextDouble() * 2)));
            }

            double tps = 1e9 / centreNs * (0.97 + (random.NextDouble() * 0.06));
            var buckets = h.NonEmptyBuckets().Select(b => new[] { b.LowerNs, b.WidthNs, b.Count }).ToList();
            return Repetition(i, new() { [MetricIds.TransactionsPerSecond] = tps, [MetricIds.RttP50Ns] = centreNs * 1.2, [MetricIds.RttP99Ns] = centreNs * 2.5 },
                Intervals(random, 0, tps), buckets) with { LatencyKind = LatencyKind.Rtt };
        }).ToList();
        return Summarised(c, reps, MetricIds.TransactionsPerSecond);
    }

    private static RepetitionResult Repetition(int i, SortedDictionary<string, double> metrics, IReadOnlyList<IntervalResult> intervals, IReadOnlyList<long[]>? buckets) =>
        new(i, SyntheticRuns.T0.AddSeconds(2 * i), false, 1_000_000_000, metrics, null, buckets, [], null, intervals);

    private static List<IntervalResult> Intervals(Random random, double bytesPerSecond, double tps) =>
        Enumerable.Range(0, 10).Select(k => new IntervalResult(k * 100_000_000L, (k + 1) * 100_000_000L,
            (long)(bytesPerSecond / 10 * (0.8 + (random.NextDouble() * 0.4))), (long)(tps / 10 * (0.8 + (random.NextDouble() * 0.4))))).ToList();

    private static CaseResult Summarised(Case c, IReadOnlyList<RepetitionResult> reps, string primary)
    {
        var summaries = new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal);
        foreach (string metric in reps[0].Metrics.Keys)
        {
            summaries[metric] = Statistics.Summarize(reps.Select(r => r.Metrics[metric]).ToList());
        }

        return new CaseResult(c.Key, c, CaseOutcome.Passed, null, reps) { Summaries = summaries, PrimaryMetric = primary };
    }
}
