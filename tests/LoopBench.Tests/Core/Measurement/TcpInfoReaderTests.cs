using System.Buffers.Binary;
using System.Net.Sockets;
using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Measurement;

public sealed class TcpInfoReaderTests
{
    [Fact]
    public void Parse_FullStruct_ReadsFieldsAtKernelOffsets()
    {
        var raw = new byte[248];
        raw[1] = 3;
        raw[7] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(16), 65_483);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(68), 25);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(72), 7);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(80), 10);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(100), 4);
        BinaryPrimitives.WriteUInt64LittleEndian(raw.AsSpan(104), 1_000_000);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(148), 11);
        BinaryPrimitives.WriteUInt64LittleEndian(raw.AsSpan(160), 5_000_000_000);
        BinaryPrimitives.WriteUInt64LittleEndian(raw.AsSpan(176), 99);
        BinaryPrimitives.WriteUInt64LittleEndian(raw.AsSpan(184), 77);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(228), 4096);

        var info = TcpInfoReader.Parse(raw);

        Assert.Equal((248, (byte)3, 65_483u, 25u, 7u, 10u, 4u), (info.LengthBytes, info.CaState, info.SendMssBytes, info.RttUs, info.RttVarUs, info.SendCwndSegments, info.TotalRetransSegments));
        Assert.Equal((1_000_000ul, 11u, 5_000_000_000ul, 99ul, 77ul, 4096u), (info.PacingRateBytesPerSecond, info.MinRttUs, info.DeliveryRateBytesPerSecond, info.ReceiveWindowLimitedUs, info.SendBufferLimitedUs, info.SendWindowBytes));
        Assert.True(info.DeliveryRateAppLimited);
    }

    [Fact]
    public void Parse_OldKernelLength_LeavesNewerFieldsNull()
    {
        var raw = new byte[104]; // Linux 2.6 – 3.x: up to tcpi_total_retrans
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(68), 30);
        var info = TcpInfoReader.Parse(raw);
        Assert.Equal(30u, info.RttUs);
        Assert.Null(info.PacingRateBytesPerSecond);
        Assert.Null(info.MinRttUs);
        Assert.Null(info.DeliveryRateBytesPerSecond);
        Assert.Null(info.BusyUs);
        var v49 = new byte[168]; // Linux 4.9: up to tcpi_delivery_rate
        Assert.Null(TcpInfoReader.Parse(v49).BusyUs);
        Assert.NotNull(TcpInfoReader.Parse(v49).DeliveryRateBytesPerSecond);
    }

    [Fact(Timeout = 10_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void TryRead_AfterMovingBytes_IsPlausible_AndAllocatesNothing()
    {
        using var pair = LoopbackPairs.Tcp4();
        LoopbackPairs.Move(pair, 2 * 1024 * 1024);

        Assert.True(TcpInfoReader.TryRead(pair.Client, out var client));
        Assert.True(TcpInfoReader.TryRead(pair.Server, out _));
        Assert.True(client.LengthBytes >= 104);
        Assert.Equal(1, client.State); // ESTABLISHED
        Assert.True(client.RttUs > 0, "rtt");
        Assert.True(client.SendCwndSegments > 0, "cwnd");
        Assert.True(client.SendMssBytes >= 88);
        Assert.True(client.BytesAcked >= 2 * 1024 * 1024);
        Assert.True(client.MinRttUs > 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            TcpInfoReader.TryRead(pair.Client, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact(Timeout = 10_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void Sampler_SamplesBothEnds_AndSkipsNonTcp()
    {
        using var pair = LoopbackPairs.Tcp4();
        var sampler = new TcpInfoSampler(pair.Client, pair.Server);
        LoopbackPairs.Move(pair, 256 * 1024);
        sampler.Sample(100_000_000);
        sampler.Sample(200_000_000);
        Assert.Equal(4, sampler.Samples.Count);
        var last = sampler.Last(EndRole.Client)!;
        Assert.Equal(200_000_000, last.AtNs);
        Assert.True(last.RttUs > 0 && last.SendCwndSegments > 0);

        using var unix = LoopbackPairs.UnixStream();
        var none = new TcpInfoSampler(unix.Client, unix.Server);
        none.Sample(0);
        Assert.False(none.HasTcpInfo);
        Assert.Empty(none.Samples);
        Assert.False(TcpInfoReader.TryRead(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), out _));
    }
}
