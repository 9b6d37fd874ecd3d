using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;
using NJsonSchema;

namespace LoopBench.Tests.Core.Results;

public sealed class RunDocumentTests
{
    private static RunResult FinishedRun()
    {
        var sink = new MemorySink(FakeRepetitions.Started(2, FakeRepetitions.Settings(repetitions: 4)));
        new ScenarioRunner(new FakeRepetitions((c, i) => 1.25e9 * (1 + (i * 0.01))), sink).Run(CancellationToken.None);
        return RunAssembler.Build(sink.Journal);
    }

    [Fact(Timeout = 20_000)]
    public async Task RunJson_ValidatesAgainstTheResultSchema()
    {
        var schema = await JsonSchema.FromFileAsync(RepoFiles.PathOf("docs", "result.schema.json"), TestContext.Current.CancellationToken);
        var errors = schema.Validate(ResultJson.Serialize(FinishedRun()));
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Empty(schema.Validate(ResultJson.Serialize(ResultJsonTests.Fixture()))); // quick --json documents too
    }

    [Fact(Timeout = 10_000)]
    public void RunJson_RoundTrips_WithSummariesAndSettings()
    {
        var run = FinishedRun();
        var back = ResultJson.Deserialize(ResultJson.Serialize(run));
        Assert.Equal(RunStatus.Completed, back.Status);
        Assert.Equal(run.Settings!.Seed, back.Settings!.Seed);
        var summary = back.Cases[0].Summaries![MetricIds.ThroughputBitsPerSecond];
        Assert.Equal(4, summary.Count);
        Assert.Equal(1.25e9 * 1.015, summary.Median, 3);
        Assert.Equal("main", back.Label);
    }

    [Fact(Timeout = 10_000)]
    public void SummaryMarkdown_NamesTheExactInterval_WhereMaritzJarrettReachedPastTheData()
    {
        var sink = new MemorySink(FakeRepetitions.Started(2, FakeRepetitions.Settings(repetitions: 8)));
        double[] twoClusters = [15e9, 14.5e9, 15.7e9, 14.9e9, 63.9e9, 65.6e9, 62.3e9, 65e9];
        new ScenarioRunner(new FakeRepetitions((c, i) => c.MessageBytes == 1000 ? twoClusters[i] : 1.25e9 * (1 + (i * 0.01))), sink).Run(CancellationToken.None);
        var run = RunAssembler.Build(sink.Journal);

        string md = RunSummary.Render(run);

        Assert.Equal(Statistics.OrderStatisticsCiEstimator, run.Cases[0].Summaries![MetricIds.ThroughputBitsPerSecond].CiEstimator);
        Assert.Equal(Statistics.MedianCiEstimator, run.Cases[1].Summaries![MetricIds.ThroughputBitsPerSecond].CiEstimator);
        Assert.Contains("| 14.500 – 65.600 |", md, StringComparison.Ordinal);
        Assert.Contains("; in 1 case, whose interval reached past the data, exact order-statistics instead.", md, StringComparison.Ordinal);
        Assert.DoesNotContain("instead", RunSummary.Render(FinishedRun()), StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryMarkdown_NamesTheCongestionControlTheTcpSocketsRan()
    {
        static CaseResult Tcp(int i, params string[] readBack)
        {
            var c = SyntheticRuns.Case(SyntheticRuns.StreamCase(i), new Dictionary<string, double[]>
            {
                [MetricIds.ThroughputBitsPerSecond] = [.. readBack.Select(_ => 1e10)],
            });
            return c with { Repetitions = [.. c.Repetitions.Select(r => r with { Socket = new SocketSettingsResult(false, readBack[r.Index], 65483, 1, 2, 3, 4) })] };
        }

        var unix = SyntheticRuns.Case(SyntheticRuns.RrCase(0), new Dictionary<string, double[]> { [MetricIds.TransactionsPerSecond] = [1, 2] });

        Assert.Contains("\n- TCP congestion control, read back from the sockets: bbr\n", RunSummary.Render(SyntheticRuns.Run("a", [Tcp(0, "bbr", "bbr"), Tcp(1, "bbr"), unix])), StringComparison.Ordinal);
        Assert.Contains(": cubic (2 cases), bbr (1 case)\n", RunSummary.Render(SyntheticRuns.Run("b", [Tcp(0, "cubic"), Tcp(1, "bbr"), Tcp(2, "cubic")])), StringComparison.Ordinal);
        Assert.DoesNotContain("congestion", RunSummary.Render(SyntheticRuns.Run("c", [unix])), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    [InlineData("ru-RU")]
    public void SummaryMarkdown_IsInvariant(string culture)
    {
        using var scope = CultureScope.Use(culture);
        string md = RunSummary.Render(FinishedRun());
        Assert.Contains("| throughputBitsPerSecond (Gbit/s) | 1.269 |", md, StringComparison.Ordinal);
        Assert.Contains("| passed | 4 |", md, StringComparison.Ordinal);
        Assert.Contains("indicative", md, StringComparison.Ordinal);
        Assert.DoesNotContain("1,269", md, StringComparison.Ordinal);
    }
}
