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
/// <item>Scheduling: each thread's run-queue wait and timeslices from its schedstat, where the kernel
/// has schedstats: how long a ready thread waited for a CPU that another task held.</item>
/// </list>
/// </summary>
internal sealed class CpuSampler
{
    private readonly long _tickUs;
    private CpuTimeUs _processStart;
    private SystemCpuTicks _systemStart;
    private Dictionary<int, TaskReading> _tasksStart = [];
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
        foreach (var (tid, now) in ReadTasks(workerThreadIds))
        {
            var start = _tasksStart.GetValueOrDefault(tid);
            long usedNs = Math.Max(0, now.Ns - start.Ns);
            bool worker = workerThreadIds.Contains(tid);
            if (worker || usedNs > 0)
            {
                threads.Add(new ThreadCpuResult(tid, now.Name, worker, usedNs / 1000)
                {
                    CpuNs = usedNs,
                    RunQueueWaitNs = now.Sched is var (waitNs, _) ? Math.Max(0, waitNs - (start.Sched?.WaitNs ?? 0)) : null,
                    Timeslices = now.Sched is var (_, slices) ? Math.Max(0, slices - (start.Sched?.Timeslices ?? 0)) : null,
                });
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

    private Dictionary<int, TaskReading> ReadTasks(IEnumerable<int>? extraThreadIds = null)
    {
        var tasks = new Dictionary<int, TaskReading>();
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
                var sched = Schedstat(dir);
                tasks[tid] = new TaskReading(name, ThreadNs(tid, dir, sched), sched is var (_, wait, slices) ? (wait, slices) : null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // the thread exited between listing and reading
            }
        }

        return tasks;
    }

    /// <summary>One thread's schedstat fields, or null where the kernel has no schedstats.</summary>
    private static (long RunNs, long WaitNs, long Timeslices)? Schedstat(string dir)
    {
        string path = Path.Combine(dir, "schedstat");
        return File.Exists(path) ? ProcStatParsers.ParseSchedstat(File.ReadAllText(path)) : null;
    }

    /// <summary>On-CPU ns of one thread from the finest source that answers; the coarsest one used is recorded.</summary>
    private long ThreadNs(int tid, string dir, (long RunNs, long WaitNs, long Timeslices)? sched)
    {
        if (ThreadCpuTime.TryThreadNs(tid, out long ns))
        {
            return ns;
        }

        if (sched is var (runNs, _, _))
        {
            _source = (TimeSource)Math.Max((int)_source, (int)TimeSource.Schedstat);
            return runNs;
        }

        _source = TimeSource.StatTicks;
        var (_, user, sys) = ProcStatParsers.ParseTask(File.ReadAllText(Path.Combine(dir, "stat")));
        return (user + sys) * _tickUs * 1000;
    }

    /// <summary>One thread at one reading: its name, on-CPU ns, and its schedstat wait and timeslices (null without schedstats).</summary>
    private readonly record struct TaskReading(string Name, long Ns, (long WaitNs, long Timeslices)? Sched);
}
