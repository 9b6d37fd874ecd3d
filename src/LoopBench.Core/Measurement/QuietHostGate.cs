namespace LoopBench.Core.Measurement;

/// <summary>What waiting for a quiet host came to.</summary>
/// <param name="IsQuiet">True when a window read under the threshold before the maximum wait.</param>
/// <param name="WaitedMs">Time spent in sampling windows, ms (0 is impossible: one window is always sampled).</param>
/// <param name="Last">The last window's load.</param>
internal sealed record QuietWait(bool IsQuiet, long WaitedMs, HostLoad Last);

/// <summary>
/// Decides whether a window was quiet: the CPU used outside the processes under test, and steal,
/// both at most <see cref="ThresholdPercentOfOneCpu"/> of one CPU. Pure over snapshots; the one
/// loop that samples (<see cref="WaitForQuiet"/>) takes its source and its sleep as arguments.
/// </summary>
/// <param name="thresholdPercentOfOneCpu">The most outside load or steal a quiet window may show, % of one CPU.</param>
internal sealed class QuietHostGate(double thresholdPercentOfOneCpu = QuietHostGate.DefaultThresholdPercentOfOneCpu)
{
    /// <summary>Default threshold: 5 % of one CPU (on a quiet 2-vCPU host a window reads 0-2 %).</summary>
    public const double DefaultThresholdPercentOfOneCpu = 5;

    /// <summary>The largest threshold accepted: 1000 % (ten CPUs' worth of outside load; above that the gate means nothing).</summary>
    public const double MaxThresholdPercentOfOneCpu = 1000;

    /// <summary>Length of one sampling window while waiting: 400 ms (/proc/stat ticks are 10 ms).</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(400);

    /// <summary>How long <see cref="WaitForQuiet"/> waits at most by default before going on anyway.</summary>
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(30);

    /// <summary>The threshold, % of one CPU.</summary>
    public double ThresholdPercentOfOneCpu { get; } = thresholdPercentOfOneCpu is >= 0 and <= MaxThresholdPercentOfOneCpu
        ? thresholdPercentOfOneCpu
        : throw new ArgumentOutOfRangeException(nameof(thresholdPercentOfOneCpu), thresholdPercentOfOneCpu, "use a threshold of 0 to 1000 (% of one CPU)");

    /// <summary>The load between two snapshots; zero when no time passed.</summary>
    public static HostLoad Measure(CpuSnapshot before, CpuSnapshot after)
    {
        var delta = after.System - before.System;
        double ticksPerCpu = (double)delta.TotalTicks / Math.Max(1, after.CpuCount);
        if (ticksPerCpu <= 0)
        {
            return new HostLoad(0, 0);
        }

        long outside = delta.UserTicks + delta.SystemTicks - (after.TestedTicks - before.TestedTicks);
        double Percent(long ticks) => Math.Round(Math.Max(0, ticks) * 100 / ticksPerCpu, 1);
        return new HostLoad(Percent(outside), Percent(delta.StealTicks));
    }

    /// <summary>True when the outside load or the steal is above the threshold.</summary>
    public bool IsDisturbed(HostLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return load.OutsidePercentOfOneCpu > ThresholdPercentOfOneCpu || load.StealPercentOfOneCpu > ThresholdPercentOfOneCpu;
    }

    /// <summary>
    /// Samples windows of <paramref name="window"/> until one is quiet or <paramref name="maxWait"/>
    /// has been spent; only this process (and <paramref name="testedPids"/>) count as under test.
    /// </summary>
    public QuietWait WaitForQuiet(
        ICpuSource source, IReadOnlyList<int> testedPids, TimeSpan window, TimeSpan maxWait, Action<TimeSpan> sleep, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sleep);
        long waitedMs = 0;
        while (true)
        {
            var before = source.Read(testedPids);
            sleep(window);
            var load = Measure(before, source.Read(testedPids));
            waitedMs += (long)window.TotalMilliseconds;
            if (!IsDisturbed(load))
            {
                return new QuietWait(true, waitedMs, load);
            }

            if (waitedMs >= maxWait.TotalMilliseconds || cancellation.IsCancellationRequested)
            {
                return new QuietWait(false, waitedMs, load);
            }
        }
    }
}
