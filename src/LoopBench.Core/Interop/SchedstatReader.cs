using System.Buffers.Text;

namespace LoopBench.Core.Interop;

/// <summary>
/// One thread's /proc/self/task/TID/schedstat, read through a <see cref="ThreadProcFile"/>: nanoseconds
/// on a CPU, nanoseconds waiting runnable on a run queue while another task had the CPU, and
/// timeslices (times put on a CPU). Needs a kernel with schedstats; without, every read is null.
/// </summary>
internal sealed class SchedstatReader(int threadId) : IDisposable
{
    private readonly ThreadProcFile _schedstat = new(threadId, "schedstat");

    /// <summary>The thread's run-queue wait and timeslices so far, or null when the thread or the file is gone.</summary>
    public Scheduling? Read() => Parse(_schedstat.Read()) is var (_, wait, slices) ? new Scheduling(wait, slices) : null;

    /// <summary>The wait and timeslices since <paramref name="earlier"/> (a <see cref="Read"/> before), or null when either read found none.</summary>
    public Scheduling? Since(Scheduling? earlier) => Between(earlier, Read());

    /// <summary>The wait and timeslices from <paramref name="earlier"/> to <paramref name="later"/>, or null when either is unknown.</summary>
    public static Scheduling? Between(Scheduling? earlier, Scheduling? later) =>
        (earlier, later) is (Scheduling before, Scheduling after) ? new Scheduling(after.WaitNs - before.WaitNs, after.Timeslices - before.Timeslices) : null;

    /// <summary>The three numbers of a schedstat line, or null when it is not one.</summary>
    internal static (long RunNs, long WaitNs, long Timeslices)? Parse(ReadOnlySpan<byte> line)
    {
        Span<long> fields = stackalloc long[3];
        for (int i = 0; i < 3; i++)
        {
            line = line.TrimStart((byte)' ');
            if (!Utf8Parser.TryParse(line, out long value, out int used) || used == 0 || value < 0)
            {
                return null;
            }

            fields[i] = value;
            line = line[used..];
        }

        return line.Trim("\n "u8).IsEmpty ? (fields[0], fields[1], fields[2]) : null;
    }

    public void Dispose() => _schedstat.Dispose();
}

/// <summary>A thread's nanoseconds waiting runnable for a CPU that another task held, and the times it was put on one.</summary>
internal readonly record struct Scheduling(long WaitNs, long Timeslices);
