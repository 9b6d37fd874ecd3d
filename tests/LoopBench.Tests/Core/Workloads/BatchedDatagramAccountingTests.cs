using LoopBench.Core;
using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Workloads;

/// <summary>
/// The batched receiver's bookkeeping on a batch filled here as the kernel would fill it: every
/// datagram of every entry, plain or coalesced by UDP_GRO, goes through the sequence tracker once.
/// </summary>
public sealed class BatchedDatagramAccountingTests
{
    private const int Length = 64;

    [Fact]
    public void Account_PlainAndCoalescedEntries_CountsEachDatagram()
    {
        var (end, receipt) = Receiver();
        var batch = new MessageBatch(3, 1024, UdpGroControl.ControlBytes);
        batch.FakeReceive(0, Datagrams(0, 1, Length), []); // one datagram, no cmsg
        batch.FakeReceive(1, Datagrams(1, 4, Length, lastBytes: 40), Gro(Length)); // seq 1..4 coalesced, the last short
        batch.FakeReceive(2, Datagrams(5, 2, Length), Gro(Length));

        Assert.True(BatchedDatagramStreamWorkload.Account(batch, 3, gro: true, receipt, nowTicks: 1000));

        var stats = end.Datagrams!;
        Assert.Equal(7, stats.UniqueReceived);
        Assert.Equal(0, stats.Duplicates);
        Assert.Equal(0, stats.OutOfOrder);
        Assert.Equal(6, stats.HighestSeen);
        Assert.Equal(7, end.Counters.Messages);
        Assert.Equal((6 * Length) + 40, end.Counters.Bytes);
        Assert.Equal(7, end.Latency!.TotalCount);
    }

    [Fact]
    public void Account_OnlyTheEntriesReceived_AndDuplicatesAcrossEntries()
    {
        var (end, receipt) = Receiver();
        var batch = new MessageBatch(4, Length);
        batch.FakeReceive(0, Datagrams(3, 1, Length), []);
        batch.FakeReceive(1, Datagrams(1, 1, Length), []); // reordered
        batch.FakeReceive(2, Datagrams(3, 1, Length), []); // duplicate
        batch.FakeReceive(3, Datagrams(9, 1, Length), []); // left over from an earlier call: not counted

        Assert.True(BatchedDatagramStreamWorkload.Account(batch, 3, gro: false, receipt, nowTicks: 1000));

        Assert.Equal(2, end.Datagrams!.UniqueReceived);
        Assert.Equal(1, end.Datagrams.Duplicates);
        Assert.Equal(1, end.Datagrams.OutOfOrder);
        Assert.Equal(2, end.Counters.Messages);
        Assert.Equal(2 * Length, end.Counters.Bytes);
    }

    [Fact]
    public void Account_WithoutGro_IgnoresAControlMessage_OneDatagramPerEntry()
    {
        var (end, receipt) = Receiver();
        var batch = new MessageBatch(1, 1024, UdpGroControl.ControlBytes);
        batch.FakeReceive(0, Datagrams(0, 4, Length), Gro(Length));
        Assert.True(BatchedDatagramStreamWorkload.Account(batch, 1, gro: false, receipt, nowTicks: 1000));
        Assert.Equal(1, end.Datagrams!.UniqueReceived);
        Assert.Equal(4 * Length, end.Counters.Bytes);
    }

    [Fact]
    public void Account_StopsAtTheEndMarker_AndSkipsDatagramsSentOutsideTheWindow()
    {
        var (end, receipt) = Receiver();
        var batch = new MessageBatch(3, Length);
        batch.FakeReceive(0, Datagrams(0, 1, Length, inWindow: false), []);
        batch.FakeReceive(1, Datagrams(DatagramHeader.EndMarker, 1, DatagramHeader.MinMessageBytes), []);
        batch.FakeReceive(2, Datagrams(1, 1, Length), []);

        Assert.False(BatchedDatagramStreamWorkload.Account(batch, 3, gro: false, receipt, nowTicks: 1000));
        Assert.Equal(0, end.Datagrams!.UniqueReceived);
        Assert.Equal(0, end.Counters.Messages);
    }

    [Theory]
    [InlineData(0, 64, 32, 1)] // no GSO: one datagram per entry
    [InlineData(1400, 64, 32, 1)] // GSO at another size: not used for coalescing
    [InlineData(64, 64, 32, 32)]
    [InlineData(64, 64, 100, 64)] // at most 64 segments per send
    [InlineData(1472, 1472, 64, 44)] // at most 64 KiB per send
    public void SegmentsPerEntry_FollowGsoAtTheDatagramLength(int gso, int length, int batch, int segments) =>
        Assert.Equal(segments, BatchedDatagramStreamWorkload.SegmentsPerEntry(gso, length, batch));

    private static (WorkloadEnd End, DatagramReceipt Receipt) Receiver()
    {
        var end = new WorkloadEnd("lb-s0-rx", EndRole.Server, EndDirection.Receive, new NullChannel())
        { Datagrams = new DatagramCounters(), Latency = new LatencyHistogram() };
        return (end, new DatagramReceipt(end, new SequenceTracker()));
    }

    /// <summary>Consecutive stamped datagrams from <paramref name="first"/>, back to back as a coalesced receive holds them.</summary>
    private static byte[] Datagrams(long first, int count, int length, int? lastBytes = null, bool inWindow = true)
    {
        int last = lastBytes ?? length;
        var bytes = new byte[((count - 1) * length) + last];
        for (int i = 0; i < count; i++)
        {
            DatagramHeader.Write(bytes.AsSpan(i * length), first + i, 500, 500, inWindow);
        }

        return bytes;
    }

    private static byte[] Gro(int segment)
    {
        var control = new byte[UdpGroControl.ControlBytes];
        return control[..UdpGroControl.Write(control, segment)];
    }

    private sealed class NullChannel : IChannel
    {
        public string? LastError => null;

        public EngineCounters Counters { get; } = new();

        public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data) => new(data.Length);

        public ValueTask<int> ReceiveAsync(Memory<byte> buffer) => new(0);

        public void ShutdownSend()
        {
        }

        public void Abort()
        {
        }

        public void Dispose()
        {
        }
    }
}
