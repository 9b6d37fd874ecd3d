using LoopBench.Core.Engines;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Running;

/// <summary>A last-CPU reader per worker, opened before T0 and closed after the window.</summary>
internal sealed class CpuReaders(WorkerHandle[] workers) : IDisposable
{
    public LastCpuReader[] All { get; } = workers.Select(w => new LastCpuReader(w.ThreadId)).ToArray();

    public void Dispose()
    {
        foreach (var reader in All)
        {
            reader.Dispose();
        }
    }
}
