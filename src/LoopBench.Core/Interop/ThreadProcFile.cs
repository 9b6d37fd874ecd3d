using Microsoft.Win32.SafeHandles;

namespace LoopBench.Core.Interop;

/// <summary>
/// One file of /proc/self/task/TID read again and again through a handle opened once and a buffer of
/// its own: procfs regenerates the file on every read at offset 0, so a read inside the window
/// allocates nothing and calls no more of the runtime than one pread.
/// </summary>
internal sealed class ThreadProcFile : IDisposable
{
    private readonly SafeFileHandle? _handle;
    private readonly byte[] _buffer = new byte[1024];

    /// <summary>Opens the thread's <paramref name="name"/> ("stat", "schedstat"); a thread id of 0 or less, a gone thread or a missing file reads as empty.</summary>
    public ThreadProcFile(int threadId, string name)
    {
        if (threadId <= 0)
        {
            return;
        }

        try
        {
            _handle = File.OpenHandle(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/proc/self/task/{threadId}/{name}"));
        }
        catch (IOException)
        {
            _handle = null;
        }
    }

    /// <summary>The file's current content; empty when the thread is gone or unknown.</summary>
    public ReadOnlySpan<byte> Read()
    {
        if (_handle is null)
        {
            return [];
        }

        try
        {
            return _buffer.AsSpan(0, RandomAccess.Read(_handle, _buffer, 0));
        }
        catch (IOException)
        {
            return [];
        }
    }

    public void Dispose() => _handle?.Dispose();
}
