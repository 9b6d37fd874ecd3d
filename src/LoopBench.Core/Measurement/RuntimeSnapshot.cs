using System.Runtime;

namespace LoopBench.Core.Measurement;

/// <summary>
/// The runtime's process-wide GC, JIT and allocation counters at one instant: read at T0 and at T1 by
/// the coordinator. Reading them allocates nothing and costs well under a microsecond.
/// </summary>
internal readonly record struct RuntimeSnapshot(
    int Collections, int Gen2Collections, TimeSpan GcPause, long JitMethods, TimeSpan JitTime, long AllocatedBytes)
{
    public static RuntimeSnapshot Take() => new(
        GC.CollectionCount(0),
        GC.CollectionCount(2),
        GC.GetTotalPauseDuration(),
        JitInfo.GetCompiledMethodCount(currentThread: false),
        JitInfo.GetCompilationTime(currentThread: false),
        GC.GetTotalAllocatedBytes(precise: false));

    /// <summary>What happened between <paramref name="start"/> and this snapshot.</summary>
    public RuntimeResult Since(RuntimeSnapshot start) => new(
        Collections - start.Collections,
        Gen2Collections - start.Gen2Collections,
        (long)(GcPause - start.GcPause).TotalNanoseconds,
        JitMethods - start.JitMethods,
        (long)(JitTime - start.JitTime).TotalNanoseconds,
        AllocatedBytes - start.AllocatedBytes);
}
