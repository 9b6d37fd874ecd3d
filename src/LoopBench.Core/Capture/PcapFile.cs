using System.Buffers.Binary;

namespace LoopBench.Core.Capture;

/// <summary>
/// Counts the packets of a classic pcap file (what <c>tcpdump -w</c> writes): a 24-byte file
/// header, then per packet a 16-byte record header whose third field is the captured length.
/// Record lengths are skipped over, never allocated, so a corrupt length costs nothing; a record
/// cut short (a capture stopped mid-write) is not counted.
/// </summary>
internal static class PcapFile
{
    private const int FileHeaderBytes = 24;
    private const int RecordHeaderBytes = 16;
    private const int CapturedLengthOffset = 8;
    private const uint MicrosecondMagic = 0xa1b2c3d4;
    private const uint NanosecondMagic = 0xa1b23c4d;

    /// <summary>Packets and file bytes of a pcap; null when <paramref name="path"/> is not a classic pcap.</summary>
    public static (long Packets, long Bytes)? Count(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return Count(stream);
    }

    /// <inheritdoc cref="Count(string)"/>
    public static (long Packets, long Bytes)? Count(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[FileHeaderBytes];
        if (stream.ReadAtLeast(header, FileHeaderBytes, throwOnEndOfStream: false) < FileHeaderBytes)
        {
            return null;
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        bool? littleEndian = magic is MicrosecondMagic or NanosecondMagic ? true
            : BinaryPrimitives.ReverseEndianness(magic) is MicrosecondMagic or NanosecondMagic ? false
            : null;
        if (littleEndian is not bool little)
        {
            return null;
        }

        long length = stream.Length;
        long position = FileHeaderBytes;
        long packets = 0;
        Span<byte> record = stackalloc byte[RecordHeaderBytes];
        while (stream.ReadAtLeast(record, RecordHeaderBytes, throwOnEndOfStream: false) == RecordHeaderBytes)
        {
            var field = record.Slice(CapturedLengthOffset, 4);
            long captured = little ? BinaryPrimitives.ReadUInt32LittleEndian(field) : BinaryPrimitives.ReadUInt32BigEndian(field);
            position += RecordHeaderBytes + captured;
            if (position > length)
            {
                break;
            }

            packets++;
            stream.Seek(position, SeekOrigin.Begin);
        }

        return (packets, length);
    }
}
