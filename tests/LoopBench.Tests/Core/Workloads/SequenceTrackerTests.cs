using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Workloads;

public sealed class SequenceTrackerTests
{
    [Fact]
    public void CountsDistinctDuplicateAndReorderedSequences()
    {
        var tracker = new SequenceTracker();
        var counters = new DatagramCounters();
        foreach (long s in new long[] { 0, 1, 3, 2, 2, 5, 1, 4, 9 })
        {
            tracker.Record(s, counters);
        }

        Assert.Equal(7, counters.UniqueReceived); // 0 1 2 3 4 5 9
        Assert.Equal(2, counters.Duplicates);     // the second 2 and the second 1
        Assert.Equal(2, counters.OutOfOrder);     // 2 after 3, 4 after 5
        Assert.Equal(0, counters.FirstSeen);
        Assert.Equal(9, counters.HighestSeen);
    }

    [Fact]
    public void FirstAndHighest_GiveTheGapsSoFar_AsTheIntervalSamplerCountsThem()
    {
        var tracker = new SequenceTracker();
        var counters = new DatagramCounters();
        Assert.Equal((-1, -1), (counters.FirstSeen, counters.HighestSeen));
        foreach (long s in new long[] { 50, 51, 54, 55, 58 }) // the warm-up's 0..49 never reach the tracker
        {
            tracker.Record(s, counters);
        }

        Assert.Equal(50, counters.FirstSeen);
        Assert.Equal(58, counters.HighestSeen);
        Assert.Equal(4, counters.HighestSeen - counters.FirstSeen + 1 - counters.UniqueReceived); // 52 53 56 57
        tracker.Record(53, counters); // a late one fills its gap
        Assert.Equal(3, counters.HighestSeen - counters.FirstSeen + 1 - counters.UniqueReceived);
    }

    [Fact]
    public void ALargeJump_ForgetsOnlyWhatFellOutOfTheRing()
    {
        var tracker = new SequenceTracker();
        var counters = new DatagramCounters();
        tracker.Record(0, counters);
        tracker.Record(5_000_000, counters);
        tracker.Record(5_000_000, counters);
        tracker.Record(4_999_999, counters);
        tracker.Record(0, counters); // older than the ring: counted as distinct, cannot be told from a duplicate
        Assert.Equal(4, counters.UniqueReceived);
        Assert.Equal(1, counters.Duplicates);
    }
}
