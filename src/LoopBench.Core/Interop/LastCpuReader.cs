using System.Buffers.Text;

namespace LoopBench.Core.Interop;

/// <summary>
/// The CPU one thread last ran on (field 39 of /proc/self/task/TID/stat), read through a
/// <see cref="ThreadProcFile"/>, so a read inside the window allocates nothing
/// (<see cref="CpuAffinity.LastCpuOf"/> allocates a string per read).
/// </summary>
internal sealed class LastCpuReader(int threadId) : IDisposable
{
    private readonly ThreadProcFile _stat = new(threadId, "stat");

    /// <summary>The CPU the thread last ran on, or -1 when it is gone or unknown (a thread id of 0 or less).</summary>
    public int Read() => Parse(_stat.Read());

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

    public void Dispose() => _stat.Dispose();
}
