using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>
/// rr with timestamps over real loopback sockets: the components come back, none is negative, and the
/// median of their sum over the client's own RTT is within 3 % of 1: a property of the arithmetic and
/// the clocks (all stamps CLOCK_REALTIME), not a performance bound.
/// </summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class TimestampsLoopbackTests
{
    [Theory(Timeout = 30_000)]
    [InlineData("tcp4")]
    [InlineData("udp4")]
    public void Rr_WithTimestamps_ComponentsPresentNonNegative_AndSumMatchesRtt(string transport)
    {
        var c = CaseParameters.Apply(CaseParameters.Apply(CaseParameters.Apply(new Case(), "pattern", "rr"), "transport", transport), "timestamps", "on")
            with { DurationMs = 300, WarmupMs = 50, IntervalMs = 100 };
        Assert.Empty(CaseValidator.Validate(c));
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        var rep = Assert.Single(result.Repetitions);
        var m = rep.Metrics;
        Assert.True(m[MetricIds.StampSamples] >= 20, $"{m[MetricIds.StampSamples]} complete samples; notes: {string.Join("; ", rep.Notes ?? [])}");
        Assert.Equal(64, m[MetricIds.StampSampleEvery]);
        foreach (var (p50, _) in MetricIds.StampComponents)
        {
            Assert.True(m.TryGetValue(p50, out double ns), $"{p50} missing");
            Assert.True(ns >= 0, $"{p50} = {ns}");
        }

        double ratio = m[MetricIds.StampSumOverRttMedian];
        Assert.InRange(ratio, 0.97, 1.03);
        Assert.Contains("timestamps=on", result.Case.Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unix-stream", "rr", "Unix sockets carry no kernel software timestamps")]
    [InlineData("tcp4", "stream", "use pattern rr")]
    public void Timestamps_Refused_WithAReason(string transport, string pattern, string reason)
    {
        var c = CaseParameters.Apply(CaseParameters.Apply(CaseParameters.Apply(new Case(), "pattern", pattern), "transport", transport), "timestamps", "on");
        var error = Assert.Single(CaseValidator.Validate(c), e => e.Parameter == "timestamps");
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("engine", "async", "engine blocking")]
    [InlineData("processes", "2", "processes 1")]
    [InlineData("inflight", "4", "inflight 1")]
    public void Timestamps_Refused_WhereStampsCannotBeJoined(string parameter, string value, string reason)
    {
        var c = CaseParameters.Apply(CaseParameters.Apply(CaseParameters.Apply(new Case(), "pattern", "rr"), "timestamps", "on"), parameter, value);
        var error = Assert.Single(CaseValidator.Validate(c), e => e.Parameter == "timestamps");
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
