using LoopBench.Core.Workloads;

namespace LoopBench.Core.Scenarios;

/// <summary>A receive spin only where a blocking one-way receiver would use it, and a receive low-water mark only where a TCP one-way receiver would; within sane budgets.</summary>
internal static class CaseReceiveSpinRules
{
    /// <summary>Largest receive spin: about a millisecond of recv calls, beyond which a receiver might as well spin for ever.</summary>
    public const int MaxReceiveSpin = 4096;

    /// <summary>Largest receive low-water mark: the receive buffer's limit on this kind of host (tcp_rmem max, 4-6 MiB); beyond it a receiver would wait for ever.</summary>
    public const int MaxReceiveLowatBytes = 4 * 1024 * 1024;

    public static void Check(Case candidate, Case resolved, List<CaseError> errors)
    {
        if (candidate.ReceiveSpin is int spin && spin is < 0 or > MaxReceiveSpin)
        {
            errors.Add(new("receive-spin", $"{spin} is out of range; use 0 (block at once) to {MaxReceiveSpin}"));
        }
        else if (candidate.ReceiveSpin is int && resolved.ReceiveSpin is null)
        {
            errors.Add(new("receive-spin", $"applies to one-way receivers ({PatternKinds.IdsWhere(t => t.Bulk)}, and the load flows of {PatternKinds.IdsWhere(t => t.LoadFlows)}) on the blocking engine; this case ({resolved.Transport.ToId()} {resolved.Pattern.ToId()}, engine {resolved.Engine.ToId()}) has none that would use it"));
        }

        if (candidate.ReceiveLowatBytes is not int lowat)
        {
            return;
        }

        if (lowat is < 0 or > MaxReceiveLowatBytes)
        {
            errors.Add(new("receive-lowat", $"{lowat} B is out of range; use 0 (the kernel's 1 byte) to {MaxReceiveLowatBytes} B"));
        }
        else if (resolved.ReceiveLowatBytes is null)
        {
            errors.Add(new("receive-lowat", $"SO_RCVLOWAT {lowat} B applies to TCP one-way receivers that read through their channel (not skip-copy or quick-ack); this case ({resolved.Transport.ToId()} {resolved.Pattern.ToId()}) has none"));
        }
    }
}
