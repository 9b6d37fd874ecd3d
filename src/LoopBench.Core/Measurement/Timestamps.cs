using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace LoopBench.Core.Measurement;

/// <summary>
/// Converts <see cref="Stopwatch.GetTimestamp"/> ticks to nanoseconds. On Linux the frequency is
/// 10^9 (CLOCK_MONOTONIC in ns), so the conversion is the identity; elsewhere one multiply.
/// </summary>
internal static class Timestamps
{
    private static readonly bool IsNanoseconds = Stopwatch.Frequency == 1_000_000_000L;
    private static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Now, in Stopwatch ticks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Now() => Stopwatch.GetTimestamp();

    /// <summary>A tick difference in nanoseconds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToNs(long ticks) => IsNanoseconds ? ticks : (long)(ticks * NsPerTick);

    /// <summary>A duration in Stopwatch ticks.</summary>
    public static long FromTimeSpan(TimeSpan duration) => (long)(duration.TotalSeconds * Stopwatch.Frequency);
}
