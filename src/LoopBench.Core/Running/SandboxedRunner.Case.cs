using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Running;

/// <summary>The case-shaped entry points: the settings come from <see cref="Case.Kernel"/>, the report lands in each repetition.</summary>
public sealed partial class SandboxedRunner
{
    /// <summary>
    /// Runs <paramref name="candidate"/> with its own <see cref="Case.Kernel"/> settings in one fresh
    /// namespace. Host sysctls are left to the caller (<see cref="CaseExecutor"/> holds them for the run).
    /// </summary>
    public CaseResult RunCase(Case candidate, int repetitions, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var settings = NamespaceOnly(candidate.Kernel);
        return Fold(RunCase(candidate, settings, repetitions, cancellation));
    }

    /// <summary>
    /// Runs repetition <paramref name="index"/> in a namespace of its own, so every repetition starts
    /// from the same fresh kernel state (the scheduler interleaves repetitions across cases).
    /// </summary>
    public RepetitionOutcome RunRepetition(Case candidate, int index, CancellationToken cancellation)
    {
        var result = RunCase(candidate, 1, cancellation);
        var repetition = result.Repetitions.Count > 0 ? result.Repetitions[0] with { Index = index } : null;
        return new RepetitionOutcome(repetition, result.Outcome, result.Reason);
    }

    /// <summary>The case result with the namespace report and host sysctls copied into each repetition.</summary>
    public static CaseResult Fold(SandboxedCaseResult sandboxed)
    {
        ArgumentNullException.ThrowIfNull(sandboxed);
        var r = sandboxed.Result;
        var hostSysctls = sandboxed.HostSysctls.Count > 0 ? sandboxed.HostSysctls : null;
        return r with
        {
            Repetitions = r.Repetitions.Select(rep => rep with { Sandbox = sandboxed.Sandbox, HostSysctls = hostSysctls ?? rep.HostSysctls }).ToList(),
        };
    }

    private static SandboxSettings NamespaceOnly(SandboxSettings? kernel) =>
        (kernel ?? SandboxSettings.None) with { HostSysctls = new SortedDictionary<string, string>(StringComparer.Ordinal), AllowHostSysctls = false };
}
