using System.Runtime.CompilerServices;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Measurement;

/// <summary>
/// The real clock: Stopwatch ticks, clock_nanosleep to an absolute deadline. A struct so that a loop
/// generic over <c>TClock : IClock</c> gets its own specialized code with these calls inlined, as fast
/// as calling <see cref="Timestamps"/> directly; a class type argument shares one copy of the code and
/// calls through the interface (devirtualized only where PGO guesses it, and never in an
/// AggressiveOptimization method). Stateless and allocation-free.
/// </summary>
internal readonly struct SystemClock : IClock
{
    /// <summary>The one boxed instance, for holders that keep an <see cref="IClock"/> (the window, the runner).</summary>
    public static readonly IClock Shared = new SystemClock();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long NowTicks() => Timestamps.Now();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SleepUntil(long deadlineTicks) => PreciseSleep.Until(deadlineTicks);

    public bool WaitUntil(ManualResetEventSlim signal, long deadlineTicks, CancellationToken cancellation)
    {
        // Round up: waking before the deadline would emit a sliver of an interval.
        long remainingNs = Timestamps.ToNs(deadlineTicks - Timestamps.Now());
        if (remainingNs <= 0)
        {
            return signal.IsSet;
        }

        long remainingMs = (remainingNs + 999_999) / 1_000_000;
        return signal.Wait((int)Math.Min(remainingMs, int.MaxValue), cancellation);
    }
}
