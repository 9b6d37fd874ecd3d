using LoopBench.Core.Engines;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Running;

/// <summary>
/// A last-CPU reader per worker, opened before T0 and closed after the window, and the CPUs each
/// worker was seen on (allocated before T0 too, so observing in the window allocates only a new CPU's entry).
/// </summary>
internal sealed class CpuReaders(WorkerHandle[] workers) : IDisposable
{
    public LastCpuReader[] All { get; } = workers.Select(w => new LastCpuReader(w.ThreadId)).ToArray();

    /// <summary>Per worker, every CPU <see cref="Observe"/> saw it on.</summary>
    public HashSet<int>[] Observed { get; } = workers.Select(_ => new HashSet<int>()).ToArray();

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

    public void Dispose()
    {
        foreach (var reader in All)
        {
            reader.Dispose();
        }
    }
}
