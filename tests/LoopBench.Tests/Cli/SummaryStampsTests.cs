using LoopBench.Cli.Terminal;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

/// <summary>The timestamps lines under the summary table.</summary>
public sealed class SummaryStampsTests
{
    [Fact]
    public void WithoutTimestamps_NothingIsPrinted() =>
        Assert.Equal(string.Empty, SummaryStamps.Render(FakeRepetitions.Result(0, 1e9)));

    [Fact]
    public void WithTimestamps_EachPartsP50AndP99_AndTheSumCheck_AMissingP99AsADash()
    {
        var rep = FakeRepetitions.Result(0, 1e9);
        rep.Metrics[MetricIds.StampSampleEvery] = 64;
        rep.Metrics[MetricIds.StampSamples] = 514;
        rep.Metrics[MetricIds.StampSumOverRttMedian] = 0.9893;
        foreach (var (p50, _) in MetricIds.StampComponents)
        {
            rep.Metrics[p50] = 1_500;
        }

        rep.Metrics[MetricIds.StampComponents[2].P99] = 25_000;
        string text = SummaryStamps.Render(rep);
        Assert.StartsWith("stamps   1 in 64 transactions sampled, 514 complete; sum of parts / RTT median 0.989\n", text, StringComparison.Ordinal);
        Assert.Contains("client send 1.50 (-), request stack 1.50 (-), server wake 1.50 (25.00)", text, StringComparison.Ordinal);
    }
}
