using LoopBench.Core.Calibration;

namespace LoopBench.Tests.Core.Calibration;

/// <summary>tools/pingpong's JSON line: the figures a cloop row compares, and every way the output can be unusable.</summary>
public sealed class PingPongOutputTests
{
    private const string Line =
        """{"tool":"pingpong","transport":"tcp4","mode":"spin","ends":"threads","sizeBytes":64,"clientCpu":0,"serverCpu":1,"windowSeconds":0.986532,"roundTrips":5832,"transactionsPerSecond":5911.6,"rttMinNs":6095,"rttP50Ns":7238,"rttP99Ns":29060,"rttP999Ns":24003203,"rttMaxNs":136467624}""";

    [Fact]
    public void TryParse_TheLine_ReadsRoundTripsAndPercentilesInNs()
    {
        Assert.True(PingPongOutput.TryParse(Line + "\n", out var figures, out string error), error);
        Assert.Equal(7238, figures[ToolFigures.RttP50Ns]);
        Assert.Equal(29060, figures[ToolFigures.RttP99Ns]);
        Assert.Equal(24003203, figures[ToolFigures.RttP999Ns]);
        Assert.Equal(5911.6, figures[ToolFigures.TransactionsPerSecond]);
        Assert.Equal(5832, figures[ToolFigures.RttSamples]);
    }

    [Fact]
    public void TryParse_UnderAnotherCulture_ReadsTheSame()
    {
        using var culture = new Fixtures.CultureScope("de-DE");
        Assert.True(PingPongOutput.TryParse(Line, out var figures, out _));
        Assert.Equal(5911.6, figures[ToolFigures.TransactionsPerSecond]);
    }

    [Fact]
    public void TryParse_TextBeforeTheLine_TakesTheLastJsonLine()
    {
        Assert.True(PingPongOutput.TryParse("warming up\n" + Line.Replace("7238", "1", StringComparison.Ordinal) + "\n" + Line, out var figures, out _));
        Assert.Equal(7238, figures[ToolFigures.RttP50Ns]);
    }

    [Theory]
    [InlineData("", "printed no JSON line")]
    [InlineData("pingpong: connect: Connection refused", "printed no JSON line")]
    [InlineData("{\"roundTrips\":3", "is not JSON")]
    [InlineData("{\"roundTrips\":10,\"transactionsPerSecond\":5,\"rttP50Ns\":1,\"rttP99Ns\":2}", "no number \"rttP999Ns\"")]
    [InlineData("{\"roundTrips\":\"10\",\"transactionsPerSecond\":5,\"rttP50Ns\":1,\"rttP99Ns\":2,\"rttP999Ns\":3}", "no number \"roundTrips\"")]
    [InlineData("{\"roundTrips\":0,\"transactionsPerSecond\":0,\"rttP50Ns\":0,\"rttP99Ns\":0,\"rttP999Ns\":0}", "no round trip")]
    public void TryParse_Unusable_FailsWithTheReason(string text, string reason)
    {
        Assert.False(PingPongOutput.TryParse(text, out var figures, out string error));
        Assert.Empty(figures);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
