using System.Buffers.Binary;

namespace LoopBench.Tests.Core.Capture;

/// <summary>The TCP/UDP ports of each packet in a little-endian Ethernet pcap (what tcpdump -i lo writes here).</summary>
internal static class PcapPorts
{
    private const int FileHeaderBytes = 24;
    private const int RecordHeaderBytes = 16;
    private const int EthernetHeaderBytes = 14;

    public static IReadOnlyList<(int Source, int Destination)> Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        Assert.Equal(0xa1b2c3d4u, BinaryPrimitives.ReadUInt32LittleEndian(file));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20))); // LINKTYPE_ETHERNET
        var ports = new List<(int, int)>();
        int at = FileHeaderBytes;
        while (at + RecordHeaderBytes <= file.Length)
        {
            int captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8));
            var frame = file.AsSpan(at + RecordHeaderBytes, captured);
            var ip = frame[EthernetHeaderBytes..];
            int transport = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == 0x86DD ? 40 : (ip[0] & 0xF) * 4;
            ports.Add((BinaryPrimitives.ReadUInt16BigEndian(ip[transport..]), BinaryPrimitives.ReadUInt16BigEndian(ip[(transport + 2)..])));
            at += RecordHeaderBytes + captured;
        }

        return ports;
    }
}
