using LoopBench.Core.Measurement;

namespace LoopBench.Tests.Fixtures;

/// <summary>
/// A clock that moves only when told (BDN's MockClock): sleeps and waits jump straight to their
/// deadline, firing the actions set with <see cref="At"/> on the way, each at its own tick. It records
/// every deadline asked for, so a test checks a schedule to the tick.
/// </summary>
internal sealed class FakeClock : IClock
{
    /// <summary>Not zero: <see cref="MeasureWindow"/> reads a T0 of 0 as "never opened".</summary>
    public const long StartTicks = 1_000_000_000;

    private readonly object _gate = new();
    private readonly List<(long AtTicks, Action Action)> _alarms = [];
    private readonly List<long> _sleeps = [];
    private readonly List<long> _waits = [];
    private long _nowTicks = StartTicks;

    /// <summary>Deadlines passed to <see cref="SleepUntil"/>, in order.</summary>
    public IReadOnlyList<long> Sleeps
    {
        get
        {
            lock (_gate)
            {
                return [.. _sleeps];
            }
        }
    }

    /// <summary>Deadlines passed to <see cref="WaitUntil"/>, in order.</summary>
    public IReadOnlyList<long> Waits
    {
        get
        {
            lock (_gate)
            {
                return [.. _waits];
            }
        }
    }

    public long NowTicks()
    {
        lock (_gate)
        {
            return _nowTicks;
        }
    }

    /// <summary>Runs <paramref name="action"/> when time reaches <paramref name="atTicks"/> (at once if it has).</summary>
    public void At(long atTicks, Action action)
    {
        lock (_gate)
        {
            _alarms.Add((atTicks, action));
        }

        AdvanceTo(NowTicks(), null, CancellationToken.None);
    }

    /// <summary>Moves time forward by <paramref name="ticks"/> (a send's cost, a stall).</summary>
    public void Advance(long ticks) => AdvanceTo(NowTicks() + ticks, null, CancellationToken.None);

    public void SleepUntil(long deadlineTicks)
    {
        lock (_gate)
        {
            _sleeps.Add(deadlineTicks);
        }

        AdvanceTo(deadlineTicks, null, CancellationToken.None);
    }

    public bool WaitUntil(ManualResetEventSlim signal, long deadlineTicks, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _waits.Add(deadlineTicks);
        }

        if (!signal.IsSet)
        {
            AdvanceTo(deadlineTicks, signal, cancellation);
        }

        cancellation.ThrowIfCancellationRequested();
        return signal.IsSet;
    }

    /// <summary>
    /// Fires due actions in time order, each with the clock at its tick; a wait stops at the action that
    /// set its signal or cancelled it, as a real wait wakes then.
    /// </summary>
    private void AdvanceTo(long targetTicks, ManualResetEventSlim? stopWhen, CancellationToken cancellation)
    {
        while (true)
        {
            Action? action = null;
            lock (_gate)
            {
                int next = -1;
                for (int i = 0; i < _alarms.Count; i++)
                {
                    if (_alarms[i].AtTicks <= targetTicks && (next < 0 || _alarms[i].AtTicks < _alarms[next].AtTicks))
                    {
                        next = i;
                    }
                }

                if (next < 0)
                {
                    _nowTicks = Math.Max(_nowTicks, targetTicks);
                    return;
                }

                _nowTicks = Math.Max(_nowTicks, _alarms[next].AtTicks);
                action = _alarms[next].Action;
                _alarms.RemoveAt(next);
            }

            action(); // outside the lock: it may read the clock or set an alarm
            if (stopWhen?.IsSet == true || cancellation.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
