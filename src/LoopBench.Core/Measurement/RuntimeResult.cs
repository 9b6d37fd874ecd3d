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
    /// <summary>True when a GC or a JIT compilation happened inside the window, which the figures may show.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasGcOrJit => GcCollections > 0 || JitCompiledMethods > 0;

    /// <summary>
    /// One line for the summaries, e.g. "2 JIT compilations and 1 GC (0.4 ms pause) inside the window"
    /// over the given repetitions' figures; null when none had a GC or JIT compilation in its window.
    /// </summary>
    public static string? Describe(IReadOnlyCollection<RuntimeResult?> repetitions)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        var known = repetitions.OfType<RuntimeResult>().ToList();
        int affected = known.Count(r => r.HasGcOrJit);
        if (affected == 0)
        {
            return null;
        }

        long jit = known.Sum(r => r.JitCompiledMethods);
        long gcs = known.Sum(r => r.GcCollections);
        long gen2 = known.Sum(r => r.GcGen2Collections);
        double pauseMs = known.Sum(r => r.GcPauseNs) / 1e6;
        var parts = new List<string>();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (jit > 0)
        {
            parts.Add(string.Create(invariant, $"{jit} JIT compilation{(jit == 1 ? string.Empty : "s")} ({known.Sum(r => r.JitTimeNs) / 1e6:0.0} ms)"));
        }

        if (gcs > 0)
        {
            string full = gen2 > 0 ? string.Create(invariant, $", {gen2} full") : string.Empty;
            parts.Add(string.Create(invariant, $"{gcs} GC{(gcs == 1 ? string.Empty : "s")}{full} ({pauseMs:0.0} ms pause)"));
        }

        string where = repetitions.Count > 1
            ? string.Create(invariant, $"inside the window of {affected} of {repetitions.Count} repetitions")
            : "inside the window";
        return string.Join(" and ", parts) + " " + where;
    }
}
