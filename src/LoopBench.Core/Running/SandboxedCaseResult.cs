using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;

namespace LoopBench.Core.Running;

/// <summary>
/// A case run in a private network namespace: its <see cref="CaseResult"/> and what the namespace
/// really had. <see cref="ToCaseResult"/> copies the report into each repetition
/// (<see cref="RepetitionResult.Sandbox"/>), which is what results store.
/// </summary>
/// <param name="Result">The case result, as the child measured it (or why it failed or was skipped).</param>
/// <param name="Sandbox">Read back from inside the namespace; null when the child never got that far.</param>
/// <param name="Settings">The settings asked for.</param>
/// <param name="HostSysctls">Host sysctls changed (journaled) for this case; empty when none.</param>
internal sealed record SandboxedCaseResult(
    CaseResult Result,
    SandboxReport? Sandbox,
    SandboxSettings Settings,
    IReadOnlyList<SysctlJournalEntry> HostSysctls)
{
    /// <summary>The case result with the namespace report and host sysctls copied into each repetition.</summary>
    public CaseResult ToCaseResult()
    {
        var hostSysctls = HostSysctls.Count > 0 ? HostSysctls : null;
        return Result with
        {
            Repetitions = Result.Repetitions.Select(rep => rep with { Sandbox = Sandbox, HostSysctls = hostSysctls ?? rep.HostSysctls }).ToList(),
        };
    }
}
