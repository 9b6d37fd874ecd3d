using System.Buffers.Binary;
using LoopBench.Core.Capture;

namespace LoopBench.Tests.Core.Capture;

public sealed class PcapFileTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Count_CountsWholeRecords_InEitherByteOrder(bool littleEndian)
    {
        var file = Pcap(littleEndian, 60, 74, 1500);
        Assert.Equal((3L, (long)file.Length), PcapFile.Count(new MemoryStream(file)));
    }

    [Fact]
    public void Count_LeavesOutARecordCutShort()
    {
        var file = Pcap(true, 60, 74);
        Assert.Equal(1, PcapFile.Count(new MemoryStream(file[..^10]))!.Value.Packets);
    }

    [Fact]
    public void Count_AHugeRecordLength_IsSkippedOver_NotRead()
    {
        var file = Pcap(true, 60);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24 + 8), uint.MaxValue);
        Assert.Equal(0, PcapFile.Count(new MemoryStream(file))!.Value.Packets);
    }

    [Fact]
    public void Count_NotAPcap_IsNull()
    {
        Assert.Null(PcapFile.Count(new MemoryStream(new byte[100])));
        Assert.Null(PcapFile.Count(new MemoryStream(new byte[3])));
    }

    private static byte[] Pcap(bool littleEndian, params int[] frames)
    {
        var bytes = new List<byte>();
        void U32(uint v)
        {
            var b = new byte[4];
            if (littleEndian)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(b, v);
            }

            bytes.AddRange(b);
        }

        U32(0xa1b2c3d4);
        U32(0x00040002); // version 2.4, as two 16-bit fields; not read
        U32(0);
        U32(0);
        U32(262144);
        U32(1);
        foreach (int length in frames)
        {
            U32(1);
            U32(0);
            U32((uint)length);
            U32((uint)length);
            bytes.AddRange(new byte[length]);
        }

        return [.. bytes];
    }
}
