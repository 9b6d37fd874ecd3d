using LoopBench.Core;
using LoopBench.Core.Comparison;
using LoopBench.Core.Results;

namespace LoopBench.Tests.Core.Comparison;

public sealed class ThresholdTests
{
    private static readonly Threshold Defaults = new(0.10, 500);

    [Theory]
    [InlineData("5%", MetricUnitKind.Nanoseconds, 0.05, 500)] // the catalogue floor stays
    [InlineData("5%|2us", MetricUnitKind.Nanoseconds, 0.05, 2000)]
    [InlineData("5% | 2µs", MetricUnitKind.Nanoseconds, 0.05, 2000)]
    [InlineData("10%|1.5ms", MetricUnitKind.Nanoseconds, 0.10, 1_500_000)]
    [InlineData("750ns", MetricUnitKind.Nanoseconds, 0, 750)]
    [InlineData("2%|100Mbit/s", MetricUnitKind.BitsPerSecond, 0.02, 100e6)]
    [InlineData("3%|1k/s", MetricUnitKind.PerSecond, 0.03, 1000)]
    [InlineData("0%", MetricUnitKind.PerSecond, 0, 500)]
    public void Parse_ReadsRelativeAndAbsoluteParts(string text, MetricUnitKind unit, double relative, double absolute)
    {
        var t = Threshold.Parse(text, unit, Defaults);
        Assert.Equal(relative, t.Relative, 12);
        Assert.Equal(absolute, t.Absolute, 6);
    }

    [Theory]
    [InlineData("five%", MetricUnitKind.Nanoseconds, "not a number")]
    [InlineData("5", MetricUnitKind.Nanoseconds, "expected <n>%")]
    [InlineData("150%", MetricUnitKind.Nanoseconds, "under 100%")]
    [InlineData("5%|2parsecs", MetricUnitKind.Nanoseconds, "cannot read '2parsecs'")]
    [InlineData("5%|2us", MetricUnitKind.BitsPerSecond, "cannot read '2us'")]
    [InlineData("", MetricUnitKind.Nanoseconds, "cannot read")]
    public void Parse_RejectsWithAMessageNamingTheText(string text, MetricUnitKind unit, string hint)
    {
        var ex = Assert.Throws<ComparisonInputException>(() => Threshold.Parse(text, unit, Defaults));
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EffectiveRelative_TakesTheLargerOfPercentAndFloor()
    {
        var t = new Threshold(0.10, 2000);
        Assert.Equal(0.10, t.EffectiveRelative(100_000), 12); // 2 µs of 100 µs is 2%: the 10% wins
        Assert.Equal(0.20, t.EffectiveRelative(10_000), 12); // 2 µs of 10 µs is 20%
    }

    [Fact]
    public void Catalogue_KnowsDirectionsAndDefaults()
    {
        Assert.Equal(BetterDirection.Higher, MetricCatalog.Find(MetricIds.ThroughputBitsPerSecond)!.Better);
        Assert.Equal(BetterDirection.Higher, MetricCatalog.Find(MetricIds.TransactionsPerSecond)!.Better);
        Assert.Equal(BetterDirection.Lower, MetricCatalog.Find(MetricIds.RttP99Ns)!.Better);
        Assert.Equal(0.05, MetricCatalog.Find(MetricIds.ThroughputBitsPerSecond)!.RelativeThreshold);
        Assert.Equal(0.10, MetricCatalog.Find(MetricIds.RttP99Ns)!.RelativeThreshold);
        Assert.Null(MetricCatalog.Find("cpuNsPerByteFromTheFuture"));
        Assert.All(typeof(MetricIds).GetFields().Where(f => f.FieldType == typeof(string)).Select(f => (string)f.GetValue(null)!), id => Assert.NotNull(MetricCatalog.Find(id)));
        Assert.All(MetricIds.StampComponents.SelectMany(c => new[] { c.P50, c.P99 }), id => Assert.NotNull(MetricCatalog.Find(id)));
    }
}
