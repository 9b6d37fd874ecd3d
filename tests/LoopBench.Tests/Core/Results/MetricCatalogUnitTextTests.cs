using LoopBench.Core;
using LoopBench.Core.Results;

namespace LoopBench.Tests.Core.Results;

public sealed class MetricCatalogUnitTextTests
{
    [Theory]
    [InlineData("bit/s", MetricUnitKind.BitsPerSecond, null)]
    [InlineData("1/s", MetricUnitKind.PerSecond, null)]
    [InlineData("ns", MetricUnitKind.Nanoseconds, null)]
    [InlineData("B", MetricUnitKind.Bytes, null)]
    [InlineData("ratio", MetricUnitKind.Ratio, null)]
    [InlineData("us/KiB", MetricUnitKind.Microseconds, "KiB")]
    public void TryParseUnitText_CatalogueText_GivesItsKind(string text, MetricUnitKind unit, string? perWhat)
    {
        Assert.True(MetricCatalog.TryParseUnitText(text, out var parsed, out string? per));
        Assert.Equal(unit, parsed);
        Assert.Equal(perWhat, per);
    }

    [Fact]
    public void TryParseUnitText_EveryKindsOwnText_RoundTrips()
    {
        foreach (var kind in Enum.GetValues<MetricUnitKind>())
        {
            Assert.True(MetricCatalog.TryParseUnitText(MetricUnits.Text(kind), out var parsed, out _));
            Assert.Equal(kind, parsed);
        }
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("")]
    [InlineData("us/")]
    [InlineData("furlongs/fortnight")]
    public void TryParseUnitText_TextNoUnitWrites_IsFalse(string text) =>
        Assert.False(MetricCatalog.TryParseUnitText(text, out _, out _));
}
