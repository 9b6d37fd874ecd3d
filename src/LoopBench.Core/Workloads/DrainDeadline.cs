using LoopBench.Core.Measurement;

namespace LoopBench.Core.Workloads;

/// <summary>
/// When a datagram receiver gives up draining: the grace period starts at the first wake-up after
/// T1 (a datagram or an idle timeout), so datagrams in flight at T1 are still counted.
/// </summary>
internal struct DrainDeadline(long graceNs)
{
    private readonly long _graceTicks = Timestamps.FromTimeSpan(TimeSpan.FromTicks(graceNs / 100));
    private long _deadline;

    /// <summary>True once the window closed and the grace period after it has run out.</summary>
    public bool HasPassed(MeasureWindow window, long nowTicks)
    {
        if (!window.IsStopping)
        {
            return false;
        }

        _deadline = _deadline == 0 ? nowTicks + _graceTicks : _deadline;
        return nowTicks > _deadline;
    }
}
