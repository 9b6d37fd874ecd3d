using LoopBench.Core.Scenarios;

namespace LoopBench.Tests.Core.Scenarios;

/// <summary>The scenario's compare: block: parsed, checked against the matrix, recorded with the key's spelling.</summary>
public sealed class CompareBlockTests
{
    private const string Matrix = "defaults:\n  transport: tcp4\nmatrix:\n  congestion: [cubic, reno]\n  length: [64k, 1M]\n";

    private static string[] ErrorsOf(string yaml) =>
        Assert.Throws<ScenarioException>(() => Scenario.FromText("s.yaml", yaml)).Errors.Select(e => e.ToString()).ToArray();

    [Fact]
    public void Block_WithBaseline_IsRecordedWithTheAxisToken()
    {
        var scenario = Scenario.FromText("s.yaml", Matrix + "compare:\n  axis: congestion\n  baseline: reno\n");

        Assert.Equal(new("congestion", "congestion", "reno"), scenario.Compare);
    }

    [Fact]
    public void Block_WithoutBaseline_TakesTheFirstValue_SpelledAsTheKeySpellsIt()
    {
        var scenario = Scenario.FromText("s.yaml", Matrix + "compare:\n  axis: length\n");

        Assert.Equal(new("length", "len", "65536"), scenario.Compare);
    }

    [Fact]
    public void NoBlock_IsNoCompare()
    {
        Assert.Null(Scenario.FromText("s.yaml", Matrix).Compare);
    }

    [Theory]
    [InlineData("compare:\n  axis: congestoin\n", "s.yaml:7:9: compare.axis: 'congestoin' is not a matrix axis of this scenario (did you mean 'congestion'?); its axes: congestion, length")]
    [InlineData("compare:\n  axis: mtu\n", "s.yaml:7:9: compare.axis: 'mtu' is not a matrix axis of this scenario; its axes: congestion, length")]
    [InlineData("compare:\n  axis: congestion\n  baseline: renno\n", "s.yaml:8:13: compare.baseline: 'renno' is not a value of matrix axis 'congestion' (did you mean 'reno'?); its values: cubic, reno")]
    [InlineData("compare:\n  baseline: cubic\n", "s.yaml:6:1: 'compare' needs 'axis'")]
    [InlineData("compare:\n  axis: congestion\n  basline: cubic\n", "s.yaml:8:3: unknown compare key 'basline' (did you mean 'baseline'?)")]
    [InlineData("compare: congestion\n", "s.yaml:6:10: 'compare' is a mapping")]
    [InlineData("compare:\n  axis: [congestion]\n", "s.yaml:7:9: 'compare.axis' takes a single value")]
    public void BadBlock_IsAFileLineError(string block, string expected)
    {
        var errors = ErrorsOf(Matrix + block);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AxisWithOneValue_IsRefused()
    {
        string error = Assert.Single(ErrorsOf("matrix:\n  congestion: [cubic]\ncompare:\n  axis: congestion\n"));

        Assert.Equal("s.yaml:4:9: compare.axis: matrix axis 'congestion' has one value (cubic); an A/B needs at least two", error);
    }

    [Fact]
    public void ScenarioWithoutMatrix_SaysSo()
    {
        string error = Assert.Single(ErrorsOf("defaults:\n  congestion: cubic\ncompare:\n  axis: congestion\n"));

        Assert.StartsWith("s.yaml:4:9: compare.axis: 'congestion' is not a matrix axis: the scenario has no matrix", error, StringComparison.Ordinal);
    }
}
