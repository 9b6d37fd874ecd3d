using System.Text.Json;
using LoopBench.Core.Comparison;
using LoopBench.Core.Results;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

/// <summary>compare RUN --axis PARAM[=VALUE]: the values of one parameter inside a run, judged against the baseline value.</summary>
public sealed class CompareAxisTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Split_TakesTheFirstValueAsBaseline_AndADefaultKnobAsItsOwnValue()
    {
        var run = SyntheticRuns.Run("20261205T100000Z-axis", [Stream("cubic", 100e9), Stream("bbr", 50e9), Stream(null, 80e9)]);

        var (baseline, candidates) = AxisSplit.Of(run, "congestion", "congestion", null);

        Assert.Equal("cubic", baseline.Value);
        Assert.Equal(["bbr", AxisSplit.DefaultValue], candidates.Select(c => c.Value));
        Assert.All(candidates, c => Assert.Single(c.Run.Cases));
    }

    [Fact]
    public void Split_RefusesAnAxisWithOneValue_AndAnAbsentBaselineValue()
    {
        var run = SyntheticRuns.Run("20261205T100000Z-axis", [Stream("cubic", 100e9), Stream("bbr", 50e9)]);

        Assert.Contains("at least two", Assert.Throws<ComparisonInputException>(() => AxisSplit.Of(run, "mtu", "mtu", null)).Message, StringComparison.Ordinal);
        Assert.Contains("its values are cubic, bbr", Assert.Throws<ComparisonInputException>(() => AxisSplit.Of(run, "congestion", "congestion", "reno")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneRun_CubicBaseline_BbrIsARegression_AndTheOtherWayAnImprovement()
    {
        string path = SyntheticRuns.Write(_temp.Path, SyntheticRuns.Run("20261205T100000Z-axis", [Stream("cubic", 100e9), Stream("bbr", 50e9)]));

        var (worse, table, err) = CliHarness.Run("compare", path, "--axis", "congestion=cubic");
        Assert.True(worse == 3, $"exit {worse}: {err}");
        Assert.Contains("congestion: cubic → bbr", table, StringComparison.Ordinal);

        var (better, json, err2) = CliHarness.Run("compare", path, "--axis", "congestion=bbr", "--format", "json");
        Assert.True(better == 0, $"exit {better}: {err2}");
        using var doc = JsonDocument.Parse(json);
        var report = Assert.Single(doc.RootElement.EnumerateArray());
        var pair = Assert.Single(report.GetProperty("cases").EnumerateArray());
        Assert.Equal("congestion: bbr → cubic", pair.GetProperty("differences").GetString());
        var throughput = pair.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == MetricIds.ThroughputBitsPerSecond);
        Assert.Equal("improvement", throughput.GetProperty("verdict").GetString());
    }

    [Theory]
    [InlineData("congestoin", "did you mean 'congestion'")]
    [InlineData("congestion=reno", "no case with that value")]
    public void BadAxis_IsExit2_WithTheReason(string axis, string expected)
    {
        string path = SyntheticRuns.Write(_temp.Path, SyntheticRuns.Run("20261205T100000Z-axis", [Stream("cubic", 100e9), Stream("bbr", 50e9)]));

        var (exit, _, err) = CliHarness.Run("compare", path, "--axis", axis);

        Assert.Equal(2, exit);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Fact]
    public void AxisWithTwoRuns_OrJunitWithSeveralValues_IsAUsageError()
    {
        string path = SyntheticRuns.Write(_temp.Path, SyntheticRuns.Run("20261205T100000Z-axis", [Stream("cubic", 100e9), Stream("bbr", 50e9), Stream("reno", 90e9)]));

        Assert.Equal(2, CliHarness.Run("compare", path, path, "--axis", "congestion").ExitCode);
        Assert.Equal(2, CliHarness.Run("compare", path, "--axis", "congestion", "--format", "junit").ExitCode);
        Assert.Equal(2, CliHarness.Run("compare", path).ExitCode);
    }

    private static CaseResult Stream(string? congestion, double bitsPerSecond)
    {
        var knobs = SocketKnobs.KernelDefault with { CongestionControl = congestion };
        var c = (SyntheticRuns.StreamCase(0) with { ClientKnobs = knobs, ServerKnobs = knobs }).Resolve();
        var random = new Random(congestion?.Length ?? 0);
        return SyntheticRuns.Case(c, new Dictionary<string, double[]> { [MetricIds.ThroughputBitsPerSecond] = SyntheticRuns.Noisy(random, 12, bitsPerSecond, 0.01) });
    }
}
