using LoopBench.Core.Interop;
using LoopBench.Core.Results;

namespace LoopBench.Core.Measurement;

/// <summary>
/// CPU cost of a window. <see cref="Start"/> at T0, <see cref="Stop"/> at T1, both on the
/// coordinator (a few /proc reads each, outside the hot loop).
/// <list type="bullet">
/// <item>Authoritative: the process's user+system time (getrusage RUSAGE_SELF), both ends included.</item>
/// <item>Context: system-wide user, system, softirq and steal from /proc/stat.</item>
/// <item>Approximate: per-thread split from /proc/self/task/*/stat (USER_HZ ticks, 10 ms). On
/// loopback the receiver's softirq often runs in the sender's context, so the split is not who
/// "really" paid. Threads that are not workers are harness overhead.</item>
/// </list>
/// </summary>
public sealed class CpuSampler
{
    private readonly long _tickUs;
    private CpuTimeUs _processStart;
    private SystemCpuTicks _systemStart;
    private Dictionary<int, (string Name, long Ticks)> _tasksStart = [];
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
        long harnessUs = 0;
        foreach (var (tid, (name, ticks)) in ReadTasks(workerThreadIds))
        {
            long startTicks = _tasksStart.TryGetValue(tid, out var s) ? s.Ticks : 0;
            long us = (ticks - startTicks) * _tickUs;
            bool worker = workerThreadIds.Contains(tid);
            if (worker || us > 0)
            {
                threads.Add(new ThreadCpuResult(tid, name, worker, us));
            }

            if (!worker)
            {
                harnessUs += us;
            }
        }

        long systemTotal = Math.Max(1, system.TotalTicks);
        double Percent(long part) => 100.0 * part / systemTotal;
        return new CpuResult(
            windowNs, process.UserUs, process.SystemUs,
            Percent(system.UserTicks), Percent(system.SystemTicks), Percent(system.SoftirqTicks), Percent(system.StealTicks),
            system.BusyTicks * _tickUs,
            threads, harnessUs,
            bytes > 0 ? process.TotalUs / (bytes / 1024.0) : null,
            bytes > 0 ? system.BusyTicks * _tickUs / (bytes / 1024.0) : null,
            transactions > 0 ? process.TotalUs / (double)transactions.Value : null,
            CpuResult.ApproximateSplitNote);
    }

    private static readonly string TaskDirectory = "/proc/" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/task";

    private static Dictionary<int, (string Name, long Ticks)> ReadTasks(IEnumerable<int>? extraThreadIds = null)
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
                var (name, user, sys) = ProcStatParsers.ParseTask(File.ReadAllText(Path.Combine(dir, "stat")));
                tasks[int.Parse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture)] = (name, user + sys);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the thread exited between listing and reading
            }
        }

        return tasks;
    }
}
