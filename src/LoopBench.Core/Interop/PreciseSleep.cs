using System.Diagnostics;

namespace LoopBench.Core.Interop;

/// <summary>
/// Sleeps until an absolute Stopwatch deadline with clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME).
/// Thread.Sleep cannot sleep less than a millisecond; an absolute deadline never accumulates the
/// drift of relative sleeps. On Linux Stopwatch ticks are CLOCK_MONOTONIC nanoseconds, so the
/// deadline passes through unchanged. Allocation-free.
/// </summary>
internal static unsafe class PreciseSleep
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsTime = 1;
    private const int Eintr = 4;

    /// <summary>Returns once Stopwatch.GetTimestamp() ≥ <paramref name="deadlineTicks"/> (at once when already past).</summary>
    public static void Until(long deadlineTicks)
    {
        long ns = Stopwatch.Frequency == 1_000_000_000L
            ? deadlineTicks
            : (long)(deadlineTicks * (1e9 / Stopwatch.Frequency));
        var request = new Libc.Timespec { Seconds = ns / 1_000_000_000L, Nanoseconds = ns % 1_000_000_000L };
        int error;
        do
        {
            error = Libc.ClockNanosleep(ClockMonotonic, TimerAbsTime, &request, null);
        }
        while (error == Eintr);

        if (error != 0)
        {
            throw new InvalidOperationException($"clock_nanosleep failed: errno {error}");
        }
    }
}
