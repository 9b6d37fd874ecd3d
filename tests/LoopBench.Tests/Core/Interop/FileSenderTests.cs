using System.Net.Sockets;
using LoopBench.Core.Interop;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;
using Microsoft.Win32.SafeHandles;

namespace LoopBench.Tests.Core.Interop;

[Trait(Traits.Category, Traits.Loopback)]
public sealed class FileSenderTests
{
    private const int FileBytes = 1024 * 1024;
    private const int Chunk = 64 * 1024;

    [Theory(Timeout = 15_000)]
    [InlineData(TransportKind.Tcp4)]
    [InlineData(TransportKind.UnixStream)]
    public void Send_TheWholeFileInChunks_ArrivesIntactAndAdvancesTheOffset(TransportKind transport)
    {
        using var temp = new TempDirectory();
        byte[] content = Content(FileBytes);
        using var file = WriteFile(temp.Path, content);
        using var pair = transport == TransportKind.Tcp4 ? LoopbackPairs.Tcp4() : LoopbackPairs.UnixStream();
        var sender = new FileSender(pair.Client, file);
        var received = new MemoryStream();
        var reader = new Thread(() => Drain(pair.Server, received, FileBytes));
        reader.Start();

        long offset = 0;
        while (offset < FileBytes)
        {
            long before = offset;
            long sent = sender.Send(ref offset, Chunk);
            Assert.InRange(sent, 1, Chunk);
            Assert.Equal(before + sent, offset); // the kernel advanced our offset, not the file position
        }

        Assert.Equal(0, sender.Send(ref offset, Chunk)); // end of file
        Assert.True(reader.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(content, received.ToArray());
    }

    [Fact(Timeout = 15_000)]
    public void Send_AllocatesNothing()
    {
        using var temp = new TempDirectory();
        using var file = WriteFile(temp.Path, Content(FileBytes));
        using var pair = LoopbackPairs.Tcp4();
        var sender = new FileSender(pair.Client, file);
        var reader = new Thread(() => Drain(pair.Server, Stream.Null, 2L * FileBytes));
        reader.Start();
        long offset = 0;
        // A whole pass first: JIT, marshalling stubs, and the paths a short send takes only some of the time.
        while (offset < FileBytes)
        {
            sender.Send(ref offset, Chunk);
        }

        offset = 0;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        while (offset < FileBytes)
        {
            sender.Send(ref offset, Chunk);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(reader.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, allocated);
    }

    [Fact(Timeout = 10_000)]
    public void Send_OnADisposedSocket_ReturnsEbadfAsAValue()
    {
        using var temp = new TempDirectory();
        using var file = WriteFile(temp.Path, Content(Chunk));
        var pair = LoopbackPairs.Tcp4();
        var sender = new FileSender(pair.Client, file);
        pair.Dispose();
        long offset = 0;
        Assert.Equal(-9, sender.Send(ref offset, Chunk));
        Assert.Equal(0, offset);
    }

    private static byte[] Content(int bytes)
    {
        var content = new byte[bytes];
        for (int i = 0; i < content.Length; i++)
        {
            content[i] = (byte)((i * 7) + (i >> 12));
        }

        return content;
    }

    private static SafeFileHandle WriteFile(string directory, byte[] content)
    {
        string path = Path.Combine(directory, "source.bin");
        File.WriteAllBytes(path, content);
        return File.OpenHandle(path, FileMode.Open, FileAccess.Read);
    }

    private static void Drain(Socket socket, Stream into, long bytes)
    {
        var buffer = new byte[64 * 1024];
        long received = 0;
        while (received < bytes)
        {
            int n = socket.Receive(buffer);
            if (n <= 0)
            {
                return;
            }

            into.Write(buffer, 0, n);
            received += n;
        }
    }
}
