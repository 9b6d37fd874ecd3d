using System.Globalization;
using LoopBench.Core.Measurement;

namespace LoopBench.Core.Results;

/// <summary>
/// The runtime note of the summaries: GC and JIT inside a window are the harness's noise, not the
/// kernel's. In Results, beside the summaries that print it, so its times read in UnitScale's units.
/// </summary>
internal static class RuntimeNotes
{
    private static readonly UnitScale Milliseconds = UnitScale.Named(MetricUnitKind.Nanoseconds, "ms");

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
        var parts = new List<string>();
        var invariant = CultureInfo.InvariantCulture;
        if (jit > 0)
        {
            parts.Add(string.Create(invariant, $"{jit} JIT compilation{(jit == 1 ? string.Empty : "s")} ({Milliseconds.Figure(known.Sum(r => r.JitTimeNs), "0.0")})"));
        }

        if (gcs > 0)
        {
            string full = gen2 > 0 ? string.Create(invariant, $", {gen2} full") : string.Empty;
            parts.Add(string.Create(invariant, $"{gcs} GC{(gcs == 1 ? string.Empty : "s")}{full} ({Milliseconds.Figure(known.Sum(r => r.GcPauseNs), "0.0")} pause)"));
        }

        string where = repetitions.Count > 1
            ? string.Create(invariant, $"inside the window of {affected} of {repetitions.Count} repetitions")
            : "inside the window";
        return string.Join(" and ", parts) + " " + where;
    }
}
