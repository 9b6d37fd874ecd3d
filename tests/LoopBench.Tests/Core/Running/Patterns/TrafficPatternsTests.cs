using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Running.Patterns;

public sealed class TrafficPatternsTests
{
    public static TheoryData<PatternKind> Kinds() => new(Enum.GetValues<PatternKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryPattern_HasAUnit_WhosePrimaryMetricIsInTheCatalogue(PatternKind kind)
    {
        var pattern = TrafficPatterns.Of(kind);

        Assert.Equal(kind, pattern.Kind);
        var info = MetricCatalog.Find(PrimaryMetric.Declared(kind));
        Assert.NotNull(info);
        Assert.Equal(BetterDirection.Higher, info.Better);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryUnit_AgreesWithTheTraitsItsKindDeclares(PatternKind kind)
    {
        var pattern = TrafficPatterns.Of(kind);
        var traits = kind.Traits();

        Assert.Equal(traits.Transactional, pattern.RequestResponse);
        Assert.Equal(traits.OneWay, pattern.DataSender is not null);
        Assert.False(traits.Transactional && traits.Bulk);
        var parameters = new Case { Pattern = kind }.ToWorkloadParameters();
        Assert.Equal(traits.SplitsAcrossProcesses, pattern.SplitFlowWorkload(TransportKind.Tcp4, parameters) is not null);
    }

    [Theory]
    [InlineData(PatternKind.Rr, MetricIds.TransactionsPerSecond)]
    [InlineData(PatternKind.Crr, MetricIds.TransactionsPerSecond)]
    [InlineData(PatternKind.RrUnderLoad, MetricIds.TransactionsPerSecond)]
    [InlineData(PatternKind.Stream, MetricIds.ThroughputBitsPerSecond)]
    [InlineData(PatternKind.Reverse, MetricIds.ThroughputBitsPerSecond)]
    [InlineData(PatternKind.Bidir, MetricIds.ThroughputBitsPerSecond)]
    [InlineData(PatternKind.Sendfile, MetricIds.ThroughputBitsPerSecond)]
    [InlineData(PatternKind.Cc, MetricIds.TransactionsPerSecond)]
    public void DeclaredPrimary_IsWhatStoredRunsWouldBeGivenFromTheirKeys(PatternKind kind, string expected)
    {
        Assert.Equal(expected, PrimaryMetric.Declared(kind));
    }

    [Fact]
    public void PrimaryMetric_PrefersTheDeclaredMetric_AndFallsBackWhenARepetitionLacksIt()
    {
        var both = Repetition(MetricIds.ThroughputBitsPerSecond, MetricIds.TransactionsPerSecond);
        var throughputOnly = Repetition(MetricIds.ThroughputBitsPerSecond);

        Assert.Equal(MetricIds.ThroughputBitsPerSecond, PrimaryMetric.Of([both], MetricIds.ThroughputBitsPerSecond));
        Assert.Equal(MetricIds.TransactionsPerSecond, PrimaryMetric.Of([both]));
        Assert.Equal(MetricIds.ThroughputBitsPerSecond, PrimaryMetric.Of([both, throughputOnly], MetricIds.TransactionsPerSecond));
    }

    private static RepetitionResult Repetition(params string[] metrics)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (string id in metrics)
        {
            values[id] = 1;
        }

        return new RepetitionResult(0, DateTimeOffset.UnixEpoch, false, 1_000_000, values, null, null, [], null, []);
    }
}
