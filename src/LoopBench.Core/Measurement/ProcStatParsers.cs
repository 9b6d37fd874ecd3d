using System.Globalization;

namespace LoopBench.Core.Measurement;

/// <summary>System-wide CPU time from the "cpu" line of /proc/stat, in USER_HZ ticks.</summary>
internal readonly record struct SystemCpuTicks(
    long UserTicks, long SystemTicks, long IdleTicks, long IowaitTicks, long IrqTicks, long SoftirqTicks, long StealTicks)
{
    /// <summary>All ticks, idle included.</summary>
    public long TotalTicks => UserTicks + SystemTicks + IdleTicks + IowaitTicks + IrqTicks + SoftirqTicks + StealTicks;

    /// <summary>Ticks some CPU was doing work for someone (not idle, iowait or stolen).</summary>
    public long BusyTicks => UserTicks + SystemTicks + IrqTicks + SoftirqTicks;

    /// <summary>The ticks spent between two readings.</summary>
    public static SystemCpuTicks operator -(SystemCpuTicks a, SystemCpuTicks b) => new(
        a.UserTicks - b.UserTicks, a.SystemTicks - b.SystemTicks, a.IdleTicks - b.IdleTicks, a.IowaitTicks - b.IowaitTicks,
        a.IrqTicks - b.IrqTicks, a.SoftirqTicks - b.SoftirqTicks, a.StealTicks - b.StealTicks);
}

/// <summary>Pure parsers for /proc/stat and /proc/self/task/TID/stat.</summary>
internal static class ProcStatParsers
{
    /// <summary>The aggregate "cpu " line: user+nice, system, idle, iowait, irq, softirq, steal.</summary>
    public static SystemCpuTicks ParseSystem(string procStat)
    {
        ArgumentNullException.ThrowIfNull(procStat);
        foreach (var line in procStat.Split('\n'))
        {
            if (!line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                continue;
            }

            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long F(int i) => f.Length > i ? long.Parse(f[i], CultureInfo.InvariantCulture) : 0;
            return new SystemCpuTicks(F(1) + F(2), F(3), F(4), F(5), F(6), F(7), F(8));
        }

        throw new FormatException("no aggregate 'cpu' line in /proc/stat");
    }

    /// <summary>
    /// A task's name (comm) and its utime and stime (fields 14 and 15, USER_HZ ticks). comm may
    /// hold spaces and parentheses, so fields are counted from the last ')'.
    /// </summary>
    public static (string Name, long UserTicks, long SystemTicks) ParseTask(string taskStat)
    {
        ArgumentNullException.ThrowIfNull(taskStat);
        int open = taskStat.IndexOf('(', StringComparison.Ordinal);
        int close = taskStat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            throw new FormatException("not a /proc/*/stat line");
        }

        var f = taskStat[(close + 2)..].Split(' ');
        // f[0] is field 3 (state): utime (14) is f[11], stime (15) is f[12].
        return (taskStat[(open + 1)..close], long.Parse(f[11], CultureInfo.InvariantCulture), long.Parse(f[12], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// CPU time a process has used, in USER_HZ ticks: utime + stime (fields 14, 15) and, with
    /// <paramref name="withReapedChildren"/>, cutime + cstime (16, 17): children it has waited for,
    /// such as a tool's client that ran and was reaped between two readings.
    /// </summary>
    public static long ParseProcessTicks(string processStat, bool withReapedChildren)
    {
        ArgumentNullException.ThrowIfNull(processStat);
        int close = processStat.LastIndexOf(')');
        if (close < 0 || close + 2 > processStat.Length)
        {
            throw new FormatException("not a /proc/*/stat line");
        }

        var f = processStat[(close + 2)..].Split(' ');
        long F(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
        return F(11) + F(12) + (withReapedChildren ? F(13) + F(14) : 0);
    }

    /// <summary>How many CPUs /proc/stat lists ("cpuN" lines), the divisor that turns all CPUs' ticks into one CPU's.</summary>
    public static int CountCpus(string procStat)
    {
        ArgumentNullException.ThrowIfNull(procStat);
        return procStat.Split('\n').Count(l => l.Length > 3 && l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]));
    }

    /// <summary>
    /// The first field of /proc/PID/task/TID/schedstat: nanoseconds the task spent on a CPU
    /// (se.sum_exec_runtime, user and system together). The other two fields (run-queue wait in ns,
    /// timeslices) are not needed here.
    /// </summary>
    public static long ParseSchedstatRunNs(string schedstat)
    {
        ArgumentNullException.ThrowIfNull(schedstat);
        var text = schedstat.AsSpan().Trim();
        int space = text.IndexOf(' ');
        var first = space < 0 ? text : text[..space];
        return long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out long ns)
            ? ns
            : throw new FormatException("not a /proc/*/schedstat line");
    }
}
