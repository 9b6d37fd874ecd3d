using LoopBench.Core.Measurement;

namespace LoopBench.Core.Running;

/// <summary>
/// When the warm-up ends: at the case's warm-up, or later while the runtime is still compiling.
/// </summary>
/// <remarks>
/// The runtime re-optimises (tier 1) what start-up made hot on a background thread; after a short
/// warm-up that backlog ran on into a process's first window (up to 250 compilations and 190 ms of a
/// CPU in a 0.5 s window), taken from the workers. So, as BenchmarkDotNet's warm-up runs until its
/// figures settle, the warm-up goes on by <see cref="StepMs"/> at a time while the JIT count moved in
/// the step before, at most <see cref="MaxExtensionMs"/>; the extension is recorded
/// (<see cref="RuntimeResult.WarmupExtendedNs"/>). A warm-up of 0 asks for none and gets none.
/// </remarks>
internal static class WarmupEnd
{
    /// <summary>How long the JIT count must stay still for the warm-up to end.</summary>
    public const long StepMs = 50;

    /// <summary>The most the warm-up is extended.</summary>
    public const long MaxExtensionMs = 1000;

    /// <summary>
    /// Waits (through <paramref name="until"/>, which returns early for a worker that ended or Ctrl-C)
    /// until <paramref name="warmedUpTicks"/>, then on while <paramref name="compiledMethods"/> moves.
    /// Returns the last wake and how far past <paramref name="warmedUpTicks"/> the warm-up was extended.
    /// </summary>
    public static (WindowWake Wake, long ExtendedTicks) Wait(
        Func<long> compiledMethods, long warmedUpTicks, bool settle, Func<long, WindowWake> until)
    {
        if (!settle)
        {
            return (until(warmedUpTicks), 0);
        }

        long step = Timestamps.FromTimeSpan(TimeSpan.FromMilliseconds(StepMs));
        long cap = warmedUpTicks + Timestamps.FromTimeSpan(TimeSpan.FromMilliseconds(MaxExtensionMs));
        var wake = until(warmedUpTicks - step);
        long seen = compiledMethods();
        long deadline = warmedUpTicks;
        while (wake == WindowWake.Deadline)
        {
            wake = until(deadline);
            long now = compiledMethods();
            if (wake != WindowWake.Deadline || now == seen || deadline >= cap)
            {
                break;
            }

            seen = now;
            deadline = Math.Min(deadline + step, cap); // a schedule from the warm-up's end, as the interval deadlines are from T0
        }

        return (wake, deadline - warmedUpTicks);
    }
}
