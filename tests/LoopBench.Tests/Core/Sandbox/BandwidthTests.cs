using System.Globalization;
using LoopBench.Core.Sandbox;

namespace LoopBench.Tests.Core.Sandbox;

public sealed class BandwidthTests
{
    [Theory]
    [InlineData("1gbit", 1_000_000_000)]
    [InlineData("500mbit", 500_000_000)]
    [InlineData("64kbit", 64_000)]
    [InlineData("1.5gbit", 1_500_000_000)]
    [InlineData("100bit", 100)]
    [InlineData("1mibit", 1_048_576)]
    [InlineData("10mbps", 80_000_000)]
    [InlineData(" 2GBit ", 2_000_000_000)]
    public void Parse_UsesTcUnits(string text, long bits)
    {
        Assert.True(Bandwidth.TryParseBitsPerSecond(text, out long parsed, out string error), error);
        Assert.Equal(bits, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("1gb")]
    [InlineData("-1mbit")]
    [InlineData("0bit")]
    [InlineData("1,5gbit")]
    [InlineData("gbit")]
    public void Parse_RejectsMalformed_WithAHint(string text)
    {
        Assert.False(Bandwidth.TryParseBitsPerSecond(text, out _, out string error));
        Assert.Contains("rate", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000_000_000L, "1gbit")]
    [InlineData(1_500_000L, "1500kbit")]
    [InlineData(123L, "123bit")]
    public void Format_IsShortestExact_AndRoundTrips(long bits, string text)
    {
        Assert.Equal(text, Bandwidth.Format(bits));
        Assert.True(Bandwidth.TryParseBitsPerSecond(Bandwidth.Format(bits), out long back, out _));
        Assert.Equal(bits, back);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("ru-RU")]
    public void Parse_IgnoresTheCulture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            Assert.True(Bandwidth.TryParseBitsPerSecond("2.5mbit", out long bits, out _));
            Assert.Equal(2_500_000, bits);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
