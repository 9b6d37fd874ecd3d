using LoopBench.Core.Measurement;

namespace LoopBench.Tests.Core.Measurement;

/// <summary>The component arithmetic and the join of both ends' stamps.</summary>
public sealed class RoundTripDecompositionTests
{
    private static readonly long[] Stamps = [1_000, 1_900, 2_000, 30_000, 30_400, 31_500, 31_600, 62_000];

    [Fact]
    public void Split_ComponentsAreConsecutiveDifferences_AndAddUpToT7MinusT0()
    {
        long[] parts = RoundTripDecomposition.Split(Stamps);
        Assert.Equal([900, 100, 28_000, 400, 1_100, 100, 30_400], parts);
        Assert.Equal(Stamps[7] - Stamps[0], parts.Sum());
    }

    [Fact]
    public void Join_MatchedSamples_GiveComponentsAndTheSumOverRttRatio()
    {
        var ledger = new RoundTripLedger(sampleEvery: 4, capacity: 64);
        for (int k = 0; k < 30; k++)
        {
            long id = k * 4L;
            long shift = k * 100_000L;
            int slot = ledger.SlotOf(id);
            ledger.WriteClient(slot, id, Stamps[0] + shift, Stamps[1] + shift, Stamps[6] + shift, Stamps[7] + shift, rttNs: 61_000 + 500);
            ledger.WriteServer(slot, id, Stamps[2] + shift, Stamps[3] + shift, Stamps[4] + shift, Stamps[5] + shift);
        }

        var joined = RoundTripDecomposition.Join([ledger]);
        Assert.Equal(30, joined.Complete);
        Assert.Equal(28_000, joined.Quantile(RoundTripComponent.ServerWake, 0.5));
        Assert.Null(joined.Quantile(RoundTripComponent.ServerWake, 0.99)); // 30 samples are too few for a p99
        Assert.Equal(61_000 / 61_500.0, joined.SumOverRttMedian!.Value, 9);
        Assert.Null(joined.MissingReason());
        for (int i = 0; i < joined.Complete; i++)
        {
            Assert.Equal(61_000, joined.Components.Sum(c => c[i]));
        }
    }

    [Fact]
    public void Join_StampsOfAnotherTransaction_AreUnmatched_NotMixed()
    {
        var ledger = new RoundTripLedger(sampleEvery: 1, capacity: 4);
        ledger.WriteClient(0, 0, 1, 2, 7, 8, 7);
        ledger.WriteServer(0, 4, 3, 4, 5, 6); // a lost datagram's neighbour: id 4 in slot 0
        var joined = RoundTripDecomposition.Join([ledger]);
        Assert.Equal(1, joined.Sampled);
        Assert.Equal(1, joined.Unmatched);
        Assert.Equal(0, joined.Complete);
    }

    [Fact]
    public void Join_KernelWithoutStamps_ReportsMissingWithAReason_NeverZeros()
    {
        var ledger = new RoundTripLedger(sampleEvery: 1, capacity: 32);
        for (int id = 0; id < 25; id++)
        {
            ledger.WriteClient(id, id, 1_000, 0, 0, 9_000, 8_000);
            ledger.WriteServer(id, id, 0, 4_000, 5_000, 0);
        }

        var joined = RoundTripDecomposition.Join([ledger]);
        Assert.Equal(0, joined.Complete);
        Assert.Equal(25, joined.MissingTransmit);
        Assert.Null(joined.Quantile(RoundTripComponent.ClientSend, 0.5));
        Assert.Null(joined.SumOverRttMedian);
        Assert.Contains("no usable software timestamps for 25 sampled", joined.MissingReason(), StringComparison.Ordinal);
    }

    [Fact]
    public void SlotOf_SamplesOneInN_AndStopsAtCapacity()
    {
        var ledger = new RoundTripLedger(sampleEvery: 64, capacity: 2);
        Assert.Equal(0, ledger.SlotOf(0));
        Assert.Equal(-1, ledger.SlotOf(63));
        Assert.Equal(1, ledger.SlotOf(64));
        Assert.Equal(-1, ledger.SlotOf(128));
        Assert.Equal(-1, ledger.SlotOf(-1));
    }
}
