namespace LoopBench.Core.Measurement;

/// <summary>
/// The .NET runtime's own activity inside a repetition's window: process-wide counters read at T0 and
/// at T1, every thread included (the harness's and, under a test host, its threads too).
/// </summary>
/// <param name="GcCollections">Garbage collections of any generation (GC.CollectionCount(0) counts each one).</param>
/// <param name="GcGen2Collections">Of <paramref name="GcCollections"/>, full (generation 2) collections.</param>
/// <param name="GcPauseNs">Time the runtime was paused for GC (GC.GetTotalPauseDuration).</param>
/// <param name="JitCompiledMethods">Methods JIT-compiled, tier-up recompilations included (JitInfo.GetCompiledMethodCount).</param>
/// <param name="JitTimeNs">Time spent JIT-compiling, on any thread (JitInfo.GetCompilationTime).</param>
/// <param name="AllocatedBytes">
/// Managed bytes allocated (GC.GetTotalAllocatedBytes(false): imprecise, in steps of a thread's allocation
/// context, a few KiB).
/// </param>
internal sealed record RuntimeResult(
    long GcCollections,
    long GcGen2Collections,
    long GcPauseNs,
    long JitCompiledMethods,
    long JitTimeNs,
    long AllocatedBytes)
{
    /// <summary>
    /// How far the warm-up before this window ran past the case's own because the runtime was still
    /// JIT-compiling (Running.WarmupEnd); 0 when it was not extended. Absent in runs written before it was recorded.
    /// </summary>
    public long? WarmupExtendedNs { get; init; }

    /// <summary>True when a GC or a JIT compilation happened inside the window, which the figures may show.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasGcOrJit => GcCollections > 0 || JitCompiledMethods > 0;
}
