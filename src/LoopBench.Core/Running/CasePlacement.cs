using LoopBench.Core.Engines;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Running;

/// <summary>
/// Whether a resolved case can be placed here: its ends' CPUs among those this process may use
/// (<see cref="PlacementPlan"/>), and its engine able to keep that placement.
/// </summary>
internal static class CasePlacement
{
    /// <summary>The case's placement plan, or a null plan with the skip outcome and why.</summary>
    public static (PlacementPlan? Plan, CaseOutcome Skip, string? Reason) Plan(Case resolved, IReadOnlyList<int> allowedCpus)
    {
        if (!PlacementPlan.TryCreate(resolved, allowedCpus, out var plan, out string skip))
        {
            return (null, CaseOutcome.SkippedPlacement, skip);
        }

        if (EngineFactory.PlacementSkipReason(resolved.Engine, resolved.Placement) is string engineSkip)
        {
            return (null, CaseOutcome.SkippedEnginePlacement, engineSkip);
        }

        return (plan, CaseOutcome.Passed, null);
    }
}
