using System.Buffers.Text;
using Microsoft.Win32.SafeHandles;

namespace LoopBench.Core.Interop;

/// <summary>
/// The CPU one thread last ran on (field 39 of /proc/self/task/TID/stat), read through a handle opened
/// once and a buffer of its own: procfs regenerates the file on every read at offset 0, so a read inside
/// the window allocates nothing (<see cref="CpuAffinity.LastCpuOf"/> allocates a string per read).
/// </summary>
internal sealed class LastCpuReader : IDisposable
{
    private readonly SafeFileHandle? _handle;
    private readonly byte[] _buffer = new byte[1024];

    /// <summary>Opens the thread's stat; a thread id of 0 or less (not known) or a gone thread reads as -1.</summary>
    public LastCpuReader(int threadId)
    {
        if (threadId <= 0)
        {
            return;
        }

        try
        {
            _handle = File.OpenHandle(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/proc/self/task/{threadId}/stat"));
        }
        catch (IOException)
        {
            _handle = null;
        }
    }

    /// <summary>The CPU the thread last ran on, or -1 when it is gone or unknown.</summary>
    public int Read()
    {
        if (_handle is null)
        {
            return -1;
        }

        int length;
        try
        {
            length = RandomAccess.Read(_handle, _buffer, 0);
        }
        catch (IOException)
        {
            return -1;
        }

        return Parse(_buffer.AsSpan(0, length));
    }

    /// <summary>Field 39 of a stat line; comm (field 2) may hold spaces and parentheses, so fields count from the last ')'.</summary>
    internal static int Parse(ReadOnlySpan<byte> stat)
    {
        int close = stat.LastIndexOf((byte)')');
        if (close < 0 || close + 2 > stat.Length)
        {
            return -1;
        }

        var rest = stat[(close + 2)..];
        // rest starts at field 3 (state): skip 36 fields to reach field 39.
        for (int field = 0; field < 36; field++)
        {
            int space = rest.IndexOf((byte)' ');
            if (space < 0)
            {
                return -1;
            }

            rest = rest[(space + 1)..];
        }

        return Utf8Parser.TryParse(rest, out int cpu, out _) ? cpu : -1;
    }

    public void Dispose() => _handle?.Dispose();
}
