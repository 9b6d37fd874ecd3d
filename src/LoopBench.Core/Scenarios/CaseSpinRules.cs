using LoopBench.Core.Engines;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Scenarios;

/// <summary>
/// Spin mode only where it measures the stack: closed-loop request/response on the blocking engine,
/// with both ends pinned. Same-cpu is allowed: its figure is the time-slicing of two spinners on one
/// CPU, which the summary says beside it.
/// </summary>
internal static class CaseSpinRules
{
    /// <summary>Why an unpinned spinner is refused.</summary>
    public const string UnpinnedMessage =
        "spin needs pinned placement (split or same-cpu, or -A): two spinners left to the scheduler measure the scheduler";

    public static void Check(Case resolved, List<CaseError> errors)
    {
        if (!resolved.Spin)
        {
            return;
        }

        if (resolved.Engine != EngineKind.Blocking)
        {
            errors.Add(new("spin", $"spin polls the blocking engine's sockets with MSG_DONTWAIT; engine {resolved.Engine.ToId()} waits in its own way: use engine blocking"));
        }

        if (!resolved.Pattern.Traits().ClosedLoopTransactions)
        {
            errors.Add(new("spin", $"spin applies to rr and crr (datagram rr included); pattern {resolved.Pattern.ToId()} is not closed-loop request/response (one-way receivers have receive-spin)"));
        }

        if (resolved.Placement == PlacementKind.Unpinned)
        {
            errors.Add(new("spin", UnpinnedMessage));
        }
        else if (resolved.Placement == PlacementKind.Cpus && resolved.ServerCpu is null)
        {
            errors.Add(new("spin", $"{UnpinnedMessage}; -A {resolved.ClientCpu} pins only the client end: give both CPUs, -A N,M"));
        }
    }
}
