using Microsoft.Win32.SafeHandles;

namespace LoopBench.Core.Workloads;

/// <summary>
/// The file a sendfile case sends: a temp file of about <see cref="TargetBytes"/>, a whole number of
/// chunks, written once before the window (so its pages sit in the page cache and the case measures
/// the socket path, not the disk) and read by every flow at its own offsets.
/// </summary>
/// <remarks>
/// The path is unlinked as soon as the file is open: the open handle keeps the data, and nothing is
/// left behind even if the process is killed. Disposing closes the handle, which frees the file.
/// </remarks>
internal sealed class SendfileSource : IDisposable
{
    /// <summary>16 MiB: netperf's default send ring spans several buffers; this spans many chunks and fits in the page cache of any test host.</summary>
    public const long TargetBytes = 16L * 1024 * 1024;

    private SendfileSource(SafeFileHandle handle, int chunkBytes, long lengthBytes)
    {
        Handle = handle;
        ChunkBytes = chunkBytes;
        LengthBytes = lengthBytes;
    }

    /// <summary>The open file.</summary>
    public SafeFileHandle Handle { get; }

    /// <summary>Bytes per sendfile call (the case's -l).</summary>
    public int ChunkBytes { get; }

    /// <summary>The file's length: a whole number of chunks, at least <see cref="TargetBytes"/>.</summary>
    public long LengthBytes { get; }

    /// <summary>Creates, unlinks and fills the file for chunks of <paramref name="chunkBytes"/>.</summary>
    public static SendfileSource Create(int chunkBytes, string? directory = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        long chunks = (TargetBytes + chunkBytes - 1) / chunkBytes;
        long length = chunks * chunkBytes;
        string path = Path.Combine(directory ?? Path.GetTempPath(), $"loopbench-sendfile-{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        try
        {
            File.Delete(path);
            byte[] block = ChannelIo.NewBuffer((int)Math.Min(length, 1024 * 1024));
            for (long offset = 0; offset < length; offset += block.Length)
            {
                RandomAccess.Write(handle, block.AsSpan(0, (int)Math.Min(block.Length, length - offset)), offset);
            }

            return new SendfileSource(handle, chunkBytes, length);
        }
        catch
        {
            handle.Dispose();
            File.Delete(path);
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Handle.Dispose();
}
