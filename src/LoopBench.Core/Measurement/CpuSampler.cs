using LoopBench.Core.Interop;

namespace LoopBench.Core.Measurement;

/// <summary>
/// CPU cost of a window. <see cref="Start"/> at T0, <see cref="Stop"/> at T1, both on the
/// coordinator (a few /proc reads each, outside the hot loop).
/// <list type="bullet">
/// <item>Authoritative: the process's user+system time (getrusage RUSAGE_SELF), both ends included.</item>
/// <item>Context: system-wide user, system, softirq and steal from /proc/stat.</item>
/// <item>Approximate: per-thread split, in nanoseconds: each thread's CPU clock (clock_gettime), else
/// its /proc/self/task/TID/schedstat run time, else USER_HZ ticks from its stat (10 ms; named in
/// <see cref="CpuResult.ThreadTimeSource"/>). On loopback the receiver's softirq often runs in the
/// sender's context, so the split is not who "really" paid. Threads that are not workers are
/// harness overhead.</item>
/// </list>
/// </summary>
internal sealed class CpuSampler
{
    private readonly long _tickUs;
    private CpuTimeUs _processStart;
    private SystemCpuTicks _systemStart;
    private Dictionary<int, (string Name, long Ns)> _tasksStart = [];
    private long _startTicks;

    /// <summary>Creates a sampler; USER_HZ comes from sysconf(_SC_CLK_TCK).</summary>
    public CpuSampler()
    {
        long hz = Libc.SysConf(Libc.ScClkTck);
        _tickUs = 1_000_000 / (hz > 0 ? hz : 100);
    }

    /// <summary>Microseconds per USER_HZ tick (10 000 at the usual 100 Hz).</summary>
    public long TickUs => _tickUs;

    /// <summary>Reads the starting figures.</summary>
    public void Start()
    {
        _source = TimeSource.ThreadClock;
        _startTicks = Timestamps.Now();
        _processStart = ThreadCpuTime.Process();
        _systemStart = ProcStatParsers.ParseSystem(File.ReadAllText("/proc/stat"));
        _tasksStart = ReadTasks();
    }

    /// <summary>
    /// Reads the closing figures and computes the result. <paramref name="workerThreadIds"/> are the
    /// kernel tids of the workers (the rest of the process is harness overhead); bytes and
    /// transactions give the service demand (null when the pattern has none).
    /// </summary>
    public CpuResult Stop(IReadOnlyCollection<int> workerThreadIds, long bytes, long? transactions)
    {
        ArgumentNullException.ThrowIfNull(workerThreadIds);
        var process = ThreadCpuTime.Process() - _processStart;
        var system = ProcStatParsers.ParseSystem(File.ReadAllText("/proc/stat")) - _systemStart;
        long windowNs = Timestamps.ToNs(Timestamps.Now() - _startTicks);
        var threads = new List<ThreadCpuResult>();
        long harnessNs = 0;
        foreach (var (tid, (name, ns)) in ReadTasks(workerThreadIds))
        {
            long startNs = _tasksStart.TryGetValue(tid, out var s) ? s.Ns : 0;
            long usedNs = Math.Max(0, ns - startNs);
            bool worker = workerThreadIds.Contains(tid);
            if (worker || usedNs > 0)
            {
                threads.Add(new ThreadCpuResult(tid, name, worker, usedNs / 1000) { CpuNs = usedNs });
            }

            if (!worker)
            {
                harnessNs += usedNs;
            }
        }

        long systemTotal = Math.Max(1, system.TotalTicks);
        double Percent(long part) => 100.0 * part / systemTotal;
        return new CpuResult(
            windowNs, process.UserUs, process.SystemUs,
            Percent(system.UserTicks), Percent(system.SystemTicks), Percent(system.SoftirqTicks), Percent(system.StealTicks),
            system.BusyTicks * _tickUs,
            threads, harnessNs / 1000,
            bytes > 0 ? process.TotalUs / (bytes / 1024.0) : null,
            bytes > 0 ? system.BusyTicks * _tickUs / (bytes / 1024.0) : null,
            transactions > 0 ? process.TotalUs / (double)transactions.Value : null,
            _source == TimeSource.StatTicks ? CpuResult.ApproximateSplitNote + CpuResult.TickResolutionNote : CpuResult.ApproximateSplitNote)
        {
            HarnessOverheadNs = harnessNs,
            ThreadTimeSource = SourceId(_source),
        };
    }

    private static readonly string TaskDirectory = "/proc/" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/task";

    private enum TimeSource
    {
        ThreadClock,
        Schedstat,
        StatTicks,
    }

    private TimeSource _source;

    private static string SourceId(TimeSource source) => source switch
    {
        TimeSource.ThreadClock => "thread-cpu-clock",
        TimeSource.Schedstat => "schedstat",
        _ => "stat-ticks",
    };

    private Dictionary<int, (string Name, long Ns)> ReadTasks(IEnumerable<int>? extraThreadIds = null)
    {
        var tasks = new Dictionary<int, (string, long)>();
        // Worker tids are also read by name, in case a listing races with a thread's start.
        var dirs = Directory.EnumerateDirectories(TaskDirectory)
            .Concat((extraThreadIds ?? []).Select(t => TaskDirectory + "/" + t.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct(StringComparer.Ordinal);
        foreach (var dir in dirs)
        {
            try
            {
                int tid = int.Parse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture);
                string name = File.ReadAllText(Path.Combine(dir, "comm")).TrimEnd('\n');
                tasks[tid] = (name, ThreadNs(tid, dir));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // the thread exited between listing and reading
            }
        }

        return tasks;
    }

    /// <summary>On-CPU ns of one thread from the finest source that answers; the coarsest one used is recorded.</summary>
    private long ThreadNs(int tid, string dir)
    {
        if (ThreadCpuTime.TryThreadNs(tid, out long ns))
        {
            return ns;
        }

        string schedstat = Path.Combine(dir, "schedstat");
        if (File.Exists(schedstat))
        {
            _source = (TimeSource)Math.Max((int)_source, (int)TimeSource.Schedstat);
            return ProcStatParsers.ParseSchedstatRunNs(File.ReadAllText(schedstat));
        }

        _source = TimeSource.StatTicks;
        var (_, user, sys) = ProcStatParsers.ParseTask(File.ReadAllText(Path.Combine(dir, "stat")));
        return (user + sys) * _tickUs * 1000;
    }
}
