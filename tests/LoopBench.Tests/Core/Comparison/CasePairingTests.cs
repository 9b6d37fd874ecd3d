using LoopBench.Core.Comparison;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Comparison;

/// <summary>compare --ignore: pairing on keys with some parameters left out.</summary>
public sealed class CasePairingTests
{
    private static CaseResult With(string name, string value, int i = 0) =>
        SyntheticRuns.Case(CaseParameters.Apply(SyntheticRuns.StreamCase(i), name, value).Resolve(), new Dictionary<string, double[]> { [MetricIds.ThroughputBitsPerSecond] = [1, 2, 3] });

    [Fact]
    public void WithoutIgnore_KeysDifferingInAParameter_DoNotPair()
    {
        Assert.Empty(CasePairing.Of([With("congestion", "cubic")], [With("congestion", "bbr")], []));
    }

    [Fact]
    public void IgnoreCongestion_PairsThem_AndNamesWhatDiffers()
    {
        var pairs = CasePairing.Of([With("congestion", "cubic"), With("congestion", "cubic", 1)], [With("congestion", "bbr", 1), With("congestion", "bbr")], ["congestion"]);
        Assert.Equal(2, pairs.Count);
        Assert.All(pairs, pair =>
        {
            Assert.Contains("congestion=cubic", pair.Baseline.Key, StringComparison.Ordinal);
            Assert.Contains("congestion=bbr", pair.Candidate.Key, StringComparison.Ordinal);
            Assert.Equal(pair.Baseline.Case.MessageBytes, pair.Candidate.Case.MessageBytes);
            Assert.Equal("congestion: cubic → bbr", pair.Differences);
        });
    }

    [Fact]
    public void IgnoreAKnob_CoversItsOneSidedForm_AndAPositionalParameter()
    {
        var pair = Assert.Single(CasePairing.Of([With("client-congestion", "reno")], [With("congestion", "bbr")], ["congestion"]));
        Assert.Equal("congestion: reno → bbr", pair.Differences);
        var engine = Assert.Single(CasePairing.Of([With("engine", "blocking")], [With("engine", "async")], ["engine"]));
        Assert.Equal("engine: blocking → async", engine.Differences);
    }

    [Fact]
    public void TwoCandidatesForOneBaseline_IsAnAmbiguityError()
    {
        var ex = Assert.Throws<ComparisonInputException>(() =>
            CasePairing.Of([With("congestion", "cubic")], [With("congestion", "bbr"), With("congestion", "reno")], ["congestion"]));
        Assert.Contains("ambiguous", ex.Message, StringComparison.Ordinal);
        Assert.Contains("congestion=reno", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("congestion", true, "congestion")]
    [InlineData("length", true, "len")]
    [InlineData("engine", true, "engine")]
    [InlineData("sysctl:net.ipv4.tcp_rmem", true, "sysctl:net.ipv4.tcp_rmem")]
    [InlineData("congestoin", false, "congestoin")]
    public void TokenOf_MapsParameterNamesToKeyTokens(string parameter, bool known, string token)
    {
        Assert.Equal(known, CaseKey.TryTokenOf(parameter, out string actual));
        Assert.Equal(token, actual);
    }

    [Fact(Timeout = 10_000)]
    public void Cli_AnUnknownParameter_ExitsTwoWithTheClosest()
    {
        var (code, _, stderr) = CliHarness.Run("compare", "/nonexistent/a/run.json", "/nonexistent/b/run.json", "--ignore", "congestoin");
        Assert.Equal(2, code);
        Assert.Contains("did you mean 'congestion'?", stderr, StringComparison.Ordinal);
    }
}
