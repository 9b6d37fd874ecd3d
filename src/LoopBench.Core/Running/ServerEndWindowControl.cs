using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;

namespace LoopBench.Core.Running;

/// <summary>
/// processes: 2: the server child's window, opened and closed by the thread that reads the parent's
/// word, so that the child's T0 and T1 trail the parent's by one pipe hop and no more; with the CPU readings.
/// </summary>
internal sealed class ServerEndWindowControl
{
    private long _threadStartNs;
    private long _threadEndNs = -1;
    private CpuTimeUs _processStart;
    private WorkerHandle? _worker;
    private readonly Lock _schedstatGate = new(); // the worker's last read and the close's dispose
    private SchedstatReader? _schedstat;
    private Scheduling? _scheduledAtOpen;
    private Scheduling? _scheduledAtExit;

    public MeasureWindow Window { get; } = new();

    /// <summary>The server end's worker, once started (open and close read its thread's CPU clock and schedstat).</summary>
    public WorkerHandle? Worker
    {
        get => _worker;
        set
        {
            _worker = value;
            _schedstat = value is { ThreadId: > 0 } w ? new SchedstatReader(w.ThreadId) : null; // opened before T0
        }
    }

    /// <summary>The worker thread's CPU over the window, ns; null when it could not be read (a pooled engine).</summary>
    public long? ThreadCpuNs { get; private set; }

    /// <summary>This process's CPU over the window.</summary>
    public CpuTimeUs ProcessCpu { get; private set; }

    /// <summary>The worker thread's run-queue wait and timeslices over the window; null without schedstat.</summary>
    public Scheduling? Scheduling { get; private set; }

    /// <summary>Runs <paramref name="body"/>, then reads its thread's CPU clock and schedstat: a receiver that met end of stream before the close arrived has left by then.</summary>
    public Func<ValueTask> Timed(Func<ValueTask> body) => async () =>
    {
        try
        {
            await body();
        }
        finally
        {
            if (Worker is { } worker && worker.ThreadId == CpuAffinity.CurrentThreadId())
            {
                if (ThreadCpuTime.TryThreadNs(worker.ThreadId, out long ns))
                {
                    Volatile.Write(ref _threadEndNs, ns);
                }

                lock (_schedstatGate)
                {
                    _scheduledAtExit = _schedstat?.Read();
                }
            }
        }
    };

    public void Obey(string kind)
    {
        if (kind == ServerEndMessage.Open && Window.IsWarmingUp)
        {
            Window.Open();
            _processStart = ThreadCpuTime.Process();
            _threadStartNs = Worker is { ThreadId: > 0 } w && ThreadCpuTime.TryThreadNs(w.ThreadId, out long ns) ? ns : -1;
            _scheduledAtOpen = _schedstat?.Read();
        }
        else if (kind == ServerEndMessage.Close && !Window.IsStopping)
        {
            // CPU first, as the parent's coordinator does: the worker may leave once the window closes.
            if (!Window.IsWarmingUp)
            {
                ProcessCpu = ThreadCpuTime.Process() - _processStart;
                long end = Worker is { ThreadId: > 0 } w && ThreadCpuTime.TryThreadNs(w.ThreadId, out long ns) ? ns : Volatile.Read(ref _threadEndNs);
                ThreadCpuNs = _threadStartNs >= 0 && end >= 0 ? end - _threadStartNs : null;
            }

            lock (_schedstatGate)
            {
                // null for a window that never opened (no reading at open); the worker's own last reading if it has left
                Scheduling = SchedstatReader.Between(_scheduledAtOpen, _schedstat?.Read() ?? _scheduledAtExit);
                _schedstat?.Dispose();
                _schedstat = null;
            }

            Window.Close();
        }
    }
}
