namespace LoopBench.Core.Measurement;

/// <summary>
/// Where the window, the coordinator's deadlines and pacing read time and wait for it, in
/// Stopwatch ticks (nanoseconds on Linux). <see cref="SystemClock"/> is the real one; tests drive a
/// fake that advances only when told, so schedules are checked to the tick rather than within a margin.
/// </summary>
internal interface IClock
{
    /// <summary>Now, in Stopwatch ticks.</summary>
    long NowTicks();

    /// <summary>Returns once <see cref="NowTicks"/> ≥ <paramref name="deadlineTicks"/> (at once when already past).</summary>
    void SleepUntil(long deadlineTicks);

    /// <summary>
    /// Waits until <paramref name="signal"/> is set (true) or about <paramref name="deadlineTicks"/> (false;
    /// callers re-read <see cref="NowTicks"/>). Throws <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    bool WaitUntil(ManualResetEventSlim signal, long deadlineTicks, CancellationToken cancellation);
}
