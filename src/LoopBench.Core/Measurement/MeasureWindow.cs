using System.Runtime.CompilerServices;

namespace LoopBench.Core.Measurement;

/// <summary>
/// The one global measured window [T0, T1] of a repetition, opened and closed by the coordinator
/// after the warm-up. Workers ask <see cref="IsMeasuring"/> after each operation completes and
/// count it only then; they stop sending once <see cref="IsStopping"/>. Count-based senders (-n, -k)
/// send nothing before T0: they wait in <see cref="WaitUntilOpen"/>.
/// </summary>
/// <remarks>
/// T0 is read just before the phase flips to measuring, T1 just after it flips to stopping, so an
/// operation that completes in the few nanoseconds between the clock read and the flag becoming
/// visible is left uncounted: a bias of order 1e-8 of a one-second window, always downwards.
/// </remarks>
internal sealed class MeasureWindow
{
    private const int WarmingUp = 0;
    private const int Measuring = 1;
    private const int Stopping = 2;

    private readonly object _gate = new();
    private readonly IClock _clock;
    private int _phase;

    /// <summary>A window on the real clock.</summary>
    public MeasureWindow()
        : this(SystemClock.Shared)
    {
    }

    /// <summary>A window that stamps T0 and T1 from <paramref name="clock"/> (tests pass a fake one).</summary>
    internal MeasureWindow(IClock clock) => _clock = clock;

    /// <summary>Stopwatch ticks when the window opened.</summary>
    public long T0Ticks { get; private set; }

    /// <summary>Stopwatch ticks when the window closed.</summary>
    public long T1Ticks { get; private set; }

    /// <summary>True between <see cref="Open"/> and <see cref="Close"/>.</summary>
    public bool IsMeasuring
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _phase) == Measuring;
    }

    /// <summary>True once the window closed: senders stop, receivers drain uncounted.</summary>
    public bool IsStopping
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _phase) == Stopping;
    }

    /// <summary>True while warming up.</summary>
    public bool IsWarmingUp => Volatile.Read(ref _phase) == WarmingUp;

    /// <summary>Window length in nanoseconds (0 until closed).</summary>
    public long ElapsedNs => T1Ticks == 0 ? 0 : Timestamps.ToNs(T1Ticks - T0Ticks);

    /// <summary>Raised on the coordinator's thread right after T0 (processes: 2 tells the child to open its window).</summary>
    internal event Action? Opened;

    /// <summary>Raised on the coordinator's thread just before T1, once (processes: 2 tells the child to close its window).</summary>
    internal event Action? Closing;

    /// <summary>Opens the window (T0) and releases the ends waiting in <see cref="WaitUntilOpen"/>.</summary>
    public void Open()
    {
        T0Ticks = _clock.NowTicks();
        Volatile.Write(ref _phase, Measuring);
        Opened?.Invoke();
        Release();
    }

    /// <summary>
    /// Blocks until the window opens or closes: a count-based end calls it before its first byte,
    /// so that the whole transfer is the window (iperf3's -n has no omit period either).
    /// </summary>
    public void WaitUntilOpen()
    {
        if (!IsWarmingUp)
        {
            return;
        }

        lock (_gate)
        {
            while (IsWarmingUp)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Closes the window (T1) and tells senders to stop. Closing twice keeps the first T1.</summary>
    public void Close() => CloseAt(long.MaxValue);

    /// <summary>
    /// Closes the window with T1 at <paramref name="lastTicks"/>, when the last counted operation
    /// completed (a count-based run knows it better than the coordinator's wake-up); clamped to
    /// [T0, now]. Closing twice keeps the first T1.
    /// </summary>
    public void CloseAt(long lastTicks)
    {
        if (Volatile.Read(ref _phase) == Stopping)
        {
            return;
        }

        Closing?.Invoke();
        if (Interlocked.Exchange(ref _phase, Stopping) == Stopping)
        {
            return;
        }

        long now = _clock.NowTicks();
        T1Ticks = Math.Min(lastTicks, now);
        if (T0Ticks == 0)
        {
            T0Ticks = T1Ticks; // stopped during warm-up: an empty window
        }

        T1Ticks = Math.Max(T1Ticks, T0Ticks);
        Release();
    }

    private void Release()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }
}
