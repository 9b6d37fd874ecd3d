using LoopBench.Core.Workloads;

namespace LoopBench.Core.Scenarios;

/// <summary>A receive spin only where a blocking one-way receiver would use it, within a sane budget.</summary>
internal static class CaseReceiveSpinRules
{
    /// <summary>Largest receive spin: about a millisecond of recv calls, beyond which a receiver might as well spin for ever.</summary>
    public const int MaxReceiveSpin = 4096;

    public static void Check(Case candidate, Case resolved, List<CaseError> errors)
    {
        if (candidate.ReceiveSpin is not int spin)
        {
            return;
        }

        if (spin is < 0 or > MaxReceiveSpin)
        {
            errors.Add(new("receive-spin", $"{spin} is out of range; use 0 (block at once) to {MaxReceiveSpin}"));
        }
        else if (resolved.ReceiveSpin is null)
        {
            errors.Add(new("receive-spin", $"applies to one-way receivers ({PatternKinds.IdsWhere(t => t.Bulk)}, and the load flows of {PatternKinds.IdsWhere(t => t.LoadFlows)}) on the blocking engine; this case ({resolved.Transport.ToId()} {resolved.Pattern.ToId()}, engine {resolved.Engine.ToId()}) has none that would use it"));
        }
    }
}
