using System.Runtime.InteropServices;

namespace LoopBench.Core.Interop;

/// <summary>User and system CPU time in microseconds, from getrusage(2).</summary>
/// <param name="UserUs">Time in user mode.</param>
/// <param name="SystemUs">Time in the kernel, softirq work done in this context included.</param>
internal readonly record struct CpuTimeUs(long UserUs, long SystemUs)
{
    /// <summary>User plus system.</summary>
    public long TotalUs => UserUs + SystemUs;

    /// <summary>The CPU time spent between two readings.</summary>
    public static CpuTimeUs operator -(CpuTimeUs after, CpuTimeUs before) =>
        new(after.UserUs - before.UserUs, after.SystemUs - before.SystemUs);
}

/// <summary>
/// getrusage for the process and for the calling thread. Allocation-free, one syscall each, so a
/// worker can call <see cref="CurrentThread"/> at window open and close without disturbing it.
/// </summary>
internal static unsafe class ThreadCpuTime
{
    /// <summary>CPU time of the calling thread (RUSAGE_THREAD).</summary>
    public static CpuTimeUs CurrentThread() => Read(Libc.RusageThread);

    /// <summary>CPU time of the whole process, every thread (RUSAGE_SELF).</summary>
    public static CpuTimeUs Process() => Read(Libc.RusageSelf);

    // include/linux/posix-timers.h: a thread's CPU clock id is ((~tid) << 3) | PERTHREAD (4) | SCHED (2).
    // CPUCLOCK_SCHED is sum_exec_runtime brought up to date by the read: nanoseconds, user and system.
    private const int CpuClockPerThread = 4;
    private const int CpuClockSched = 2;

    /// <summary>
    /// On-CPU nanoseconds (user + system) of thread <paramref name="threadId"/> of this process, from
    /// clock_gettime on its per-thread CPU clock: exact to the nanosecond, current even while the
    /// thread runs, and readable from another thread (the kernel allows it within one process).
    /// False when the thread has exited or the clock is not offered.
    /// </summary>
    public static bool TryThreadNs(int threadId, out long ns)
    {
        int clockId = (~threadId << 3) | CpuClockPerThread | CpuClockSched;
        Libc.Timespec time;
        if (Libc.ClockGetTime(clockId, &time) != 0)
        {
            ns = 0;
            return false;
        }

        ns = (time.Seconds * 1_000_000_000) + time.Nanoseconds;
        return true;
    }

    private static CpuTimeUs Read(int who)
    {
        RUsage usage;
        if (Libc.GetRusage(who, &usage) != 0)
        {
            throw new InvalidOperationException($"getrusage({who}) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return new CpuTimeUs(usage.UserUs, usage.SystemUs);
    }
}
