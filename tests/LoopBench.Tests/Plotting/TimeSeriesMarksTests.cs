using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Plotting.Adapters;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Plotting;

/// <summary>Marks on the time series: TCP_INFO's retransmit total rising between samples, and intervals that lost datagrams.</summary>
public sealed class TimeSeriesMarksTests
{
    private static TcpInfoSampleResult Sample(long atNs, EndRole side, long totalRetrans) => TcpInfoSamples.At(atNs, side, totalRetrans);

    [Fact]
    public void Marks_AreTheSamplesWhereEitherEndsRetransmitTotalRose()
    {
        var repetition = new RepetitionResult(0, DateTimeOffset.UnixEpoch, false, 3_000_000_000, new SortedDictionary<string, double>(), null, null, [], null, [])
        {
            TcpInfo =
            [
                Sample(0, EndRole.Client, 5), Sample(1_000_000_000, EndRole.Client, 5), Sample(2_000_000_000, EndRole.Client, 9), Sample(3_000_000_000, EndRole.Client, 9),
                Sample(0, EndRole.Server, 0), Sample(1_000_000_000, EndRole.Server, 2), Sample(3_000_000_000, EndRole.Server, 2),
            ],
        };

        Assert.Equal([1.0, 2.0], TimeSeriesAdapter.RetransmitSeconds(repetition));
        Assert.Empty(TimeSeriesAdapter.RetransmitSeconds(repetition with { TcpInfo = null }));
    }

    [Fact]
    public void IntervalRetransmits_EveryFlowsSum_MarkTheirIntervalsEnds_InsteadOfFlowZerosSamples()
    {
        IntervalResult Interval(int i, long retrans) => new(i * 1_000_000_000L, (i + 1) * 1_000_000_000L, 1000, 0) { Retransmits = retrans };
        var repetition = new RepetitionResult(0, DateTimeOffset.UnixEpoch, false, 3_000_000_000, new SortedDictionary<string, double>(), null, null, [], null,
            [Interval(0, 0), Interval(1, 4), Interval(2, 0)])
        {
            TcpInfo = [Sample(0, EndRole.Client, 0), Sample(3_000_000_000, EndRole.Client, 0)], // flow 0 retransmitted nothing; another flow did
        };

        Assert.Equal([2.0], TimeSeriesAdapter.RetransmitSeconds(repetition));
        Assert.Equal([2.0], TimeSeriesAdapter.MarkSeconds(repetition));
    }

    [Fact]
    public void DropMarks_AreTheEndsOfIntervalsThatLostDatagrams()
    {
        IntervalResult Interval(int i, long? lost) => new(i * 1_000_000_000L, (i + 1) * 1_000_000_000L, 1000, 0) { Datagrams = lost is null ? null : 100, LostDatagrams = lost };
        var repetition = new RepetitionResult(0, DateTimeOffset.UnixEpoch, false, 4_000_000_000, new SortedDictionary<string, double>(), null, null, [], null,
            [Interval(0, 3), Interval(1, 0), Interval(2, -1), Interval(3, 7)]);

        Assert.Equal([1.0, 4.0], TimeSeriesAdapter.DropSeconds(repetition));
        Assert.Equal([1.0, 4.0], TimeSeriesAdapter.MarkSeconds(repetition));
        Assert.Empty(TimeSeriesAdapter.DropSeconds(repetition with { Intervals = [Interval(0, null)] })); // TCP: no datagram counts
    }

    [Fact]
    public void LongTitles_WrapBetweenWords_WithinTheColumns()
    {
        string title = string.Join(' ', Enumerable.Repeat("tcp4 stream blocking unpinned bind=127.0.0.1", 6));
        var lines = LoopBench.Plotting.Charts.ChartCanvas.WrapWords(title, 100).ToList();

        Assert.True(lines.Count >= 3);
        Assert.All(lines, l => Assert.InRange(l.Length, 1, 100));
        Assert.Equal(title, string.Join(' ', lines));
    }
}
