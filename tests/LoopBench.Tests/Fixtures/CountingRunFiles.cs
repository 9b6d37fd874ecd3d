using LoopBench.Core.Results;

namespace LoopBench.Tests.Fixtures;

/// <summary>A run directory that keeps nothing and counts every byte the recorder writes to it.</summary>
internal sealed class CountingRunFiles : IRunFiles
{
    /// <summary>Bytes appended to the log plus bytes of every replaced file.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>How many times run.json was replaced.</summary>
    public int RunFileRebuilds { get; private set; }

    public long Append(RunEvent e)
    {
        long bytes = EventLog.Line(e).Length;
        BytesWritten += bytes;
        return bytes;
    }

    public long Replace(string name, Action<Stream> write)
    {
        using var counter = new ByteCounter();
        write(counter);
        BytesWritten += counter.Length;
        RunFileRebuilds += name == ResultStore.RunFile ? 1 : 0;
        return counter.Length;
    }

    /// <summary>A write-only stream that only counts.</summary>
    private sealed class ByteCounter : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
