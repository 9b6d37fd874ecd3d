using LoopBench.Core.Measurement;
using LoopBench.Core.Results;

namespace LoopBench.Tests.Fixtures;

/// <summary>A run with two rr cases (one whose p99.9 is missing in a repetition) and a stream case, with summaries as run.json carries them.</summary>
internal static class LatencyRuns
{
    public const string RunId = "20261123T100000Z-lat";

    /// <summary>Medians over the three repetitions: 51000 trans/s, p50 12.34 µs, p99 45.67 µs, p99.9 98.76 µs.</summary>
    public static CaseResult Full(bool recordPrimary = true) => Summarised(SyntheticRuns.Case(SyntheticRuns.RrCase(0), new Dictionary<string, double[]>
    {
        [MetricIds.TransactionsPerSecond] = [50_000, 52_000, 51_000],
        [MetricIds.ThroughputBitsPerSecond] = [3.2e7, 3.3e7, 3.25e7],
        [MetricIds.RttP50Ns] = [12_340, 12_500, 12_100],
        [MetricIds.RttP99Ns] = [45_600, 45_670, 46_000],
        [MetricIds.RttP999Ns] = [98_760, 99_000, 97_000],
    }), recordPrimary);

    /// <summary>The last repetition had too few samples for p99.9, so no summary of it exists.</summary>
    public static CaseResult WithoutP999(bool recordPrimary = true) => Summarised(SyntheticRuns.Case(SyntheticRuns.RrCase(1), new Dictionary<string, double[]>
    {
        [MetricIds.TransactionsPerSecond] = [40_000, 41_000, 42_000],
        [MetricIds.ThroughputBitsPerSecond] = [5.1e7, 5.2e7, 5.3e7],
        [MetricIds.RttP50Ns] = [20_000, 21_000, 22_000],
        [MetricIds.RttP99Ns] = [60_000, 61_000, 62_000],
        [MetricIds.RttP999Ns] = [90_000, 91_000],
    }), recordPrimary);

    public static CaseResult Stream() => Summarised(SyntheticRuns.Case(SyntheticRuns.StreamCase(0), new Dictionary<string, double[]>
    {
        [MetricIds.ThroughputBitsPerSecond] = [2.1e10, 2.2e10, 2.15e10],
        [MetricIds.MessagesPerSecond] = [1e6, 1.1e6, 1.05e6],
    }), recordPrimary: true);

    public static RunResult Run(bool recordPrimary = true) =>
        SyntheticRuns.Run(RunId, [Full(recordPrimary), WithoutP999(recordPrimary), Stream()]);

    private static CaseResult Summarised(CaseResult c, bool recordPrimary) => c with
    {
        Summaries = RunAssembler.Summaries(c.Repetitions, Statistics.DefaultLevel),
        PrimaryMetric = recordPrimary ? PrimaryMetric.Of(c.Repetitions, PrimaryMetric.Declared(c.Case.Pattern)) : null,
    };
}
