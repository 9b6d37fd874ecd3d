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
    /// One line for the summaries, e.g. "2 JIT compilations and 1 GC (0.4 ms pause) inside the window",
    /// and how far the warm-up ran on while the runtime compiled, over the given repetitions' figures;
    /// null when none had a GC or JIT compilation in its window or an extended warm-up.
    /// </summary>
    public static string? Describe(IReadOnlyCollection<RuntimeResult?> repetitions)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        var known = repetitions.OfType<RuntimeResult>().ToList();
        string?[] notes = [InsideTheWindow(known, repetitions.Count), WarmupExtended(known, repetitions.Count)];
        return notes.Any(n => n is not null) ? string.Join("; ", notes.OfType<string>()) : null;
    }

    private static string? InsideTheWindow(List<RuntimeResult> known, int repetitions)
    {
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

        string where = repetitions > 1
            ? string.Create(invariant, $"inside the window of {affected} of {repetitions} repetitions")
            : "inside the window";
        return string.Join(" and ", parts) + " " + where;
    }

    private static string? WarmupExtended(List<RuntimeResult> known, int repetitions)
    {
        var extended = known.Where(r => r.WarmupExtendedNs > 0).Select(r => r.WarmupExtendedNs!.Value).ToList();
        if (extended.Count == 0)
        {
            return null;
        }

        string longest = Milliseconds.Figure(extended.Max(), "0");
        return repetitions > 1
            ? string.Create(CultureInfo.InvariantCulture, $"the warm-up ran up to {longest} longer while the runtime compiled, in {extended.Count} of {repetitions} repetitions")
            : $"the warm-up ran {longest} longer while the runtime compiled";
    }
}
