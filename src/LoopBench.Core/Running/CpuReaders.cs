using LoopBench.Core.Engines;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Running;

/// <summary>
/// Per worker, a last-CPU reader and a schedstat reader, opened before T0 and closed after the window;
/// the CPUs each worker was seen on, and its run-queue wait and timeslices between T0 and the close
/// (all allocated before T0 too, so reading in the window allocates only a new CPU's entry).
/// </summary>
internal sealed class CpuReaders(WorkerHandle[] workers) : IDisposable
{
    private readonly SchedstatReader[] _schedstats = workers.Select(w => new SchedstatReader(w.ThreadId)).ToArray();
    private readonly Scheduling?[] _atOpen = new Scheduling?[workers.Length];

    public LastCpuReader[] All { get; } = workers.Select(w => new LastCpuReader(w.ThreadId)).ToArray();

    /// <summary>Per worker, every CPU <see cref="Observe"/> saw it on.</summary>
    public HashSet<int>[] Observed { get; } = workers.Select(_ => new HashSet<int>()).ToArray();

    /// <summary>
    /// Per worker, the nanoseconds it waited runnable for a CPU that another task held, and the times
    /// it was put on one, from <see cref="ReadAtOpen"/> to <see cref="ReadAtClose"/>; null where either
    /// read found no schedstat.
    /// </summary>
    public Scheduling?[] Scheduling { get; } = new Scheduling?[workers.Length];

    /// <summary>Reads each worker's last CPU and adds it to the worker's set.</summary>
    public void Observe()
    {
        for (int i = 0; i < All.Length; i++)
        {
            int cpu = All[i].Read();
            if (cpu >= 0)
            {
                Observed[i].Add(cpu);
            }
        }
    }

    /// <summary>T0: each worker's schedstat.</summary>
    public void ReadAtOpen()
    {
        for (int i = 0; i < _schedstats.Length; i++)
        {
            _atOpen[i] = _schedstats[i].Read();
        }
    }

    /// <summary>Before the close (a worker that leaves at once takes its /proc entry with it): each worker's <see cref="Scheduling"/>.</summary>
    public void ReadAtClose()
    {
        for (int i = 0; i < _schedstats.Length; i++)
        {
            Scheduling[i] = _schedstats[i].Since(_atOpen[i]);
        }
    }

    public void Dispose()
    {
        foreach (var reader in All)
        {
            reader.Dispose();
        }

        foreach (var reader in _schedstats)
        {
            reader.Dispose();
        }
    }
}
