using LoopBench.Core.Engines;

namespace LoopBench.Core.Running;

/// <summary>Which CPU each role is pinned to for a placement, given the CPUs this process may use.</summary>
/// <param name="ClientCpu">CPU for client-side threads, or null (unpinned).</param>
/// <param name="ServerCpu">CPU for server-side threads, or null (unpinned).</param>
internal sealed record PlacementPlan(int? ClientCpu, int? ServerCpu)
{
    /// <summary>The CPU for an end of <paramref name="role"/>.</summary>
    public int? CpuFor(EndRole role) => role == EndRole.Client ? ClientCpu : ServerCpu;

    /// <summary>
    /// Plans the placement of a resolved case: as <see cref="TryCreate(PlacementKind, IReadOnlyList{int}, out PlacementPlan, out string)"/>,
    /// and for placement cpus the CPUs the case names, each of which this process must be allowed to use.
    /// </summary>
    public static bool TryCreate(Scenarios.Case resolved, IReadOnlyList<int> allowedCpus, out PlacementPlan plan, out string reason)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(allowedCpus);
        if (resolved.Placement != PlacementKind.Cpus)
        {
            return TryCreate(resolved.Placement, allowedCpus, out plan, out reason);
        }

        plan = new PlacementPlan(null, null);
        if (resolved.ClientCpu is null)
        {
            reason = "placement cpus names no CPU; give cpus N[,M]";
            return false;
        }

        foreach (var (end, cpu) in new[] { ("client", resolved.ClientCpu), ("server", resolved.ServerCpu) })
        {
            if (cpu is int n && !allowedCpus.Contains(n))
            {
                reason = $"placement cpus pins the {end} end to CPU {n}, which this process may not use; it may use [{string.Join(",", allowedCpus)}]";
                return false;
            }
        }

        plan = new PlacementPlan(resolved.ClientCpu, resolved.ServerCpu);
        reason = string.Empty;
        return true;
    }

    /// <summary>
    /// Plans <paramref name="placement"/> over <paramref name="allowedCpus"/>. same-cpu uses the first
    /// allowed CPU; split puts the client on the first and the server on the second. Returns false
    /// with a reason when the host cannot offer the placement.
    /// </summary>
    public static bool TryCreate(PlacementKind placement, IReadOnlyList<int> allowedCpus, out PlacementPlan plan, out string reason)
    {
        ArgumentNullException.ThrowIfNull(allowedCpus);
        reason = string.Empty;
        plan = new PlacementPlan(null, null);
        switch (placement)
        {
            case PlacementKind.Unpinned:
                return true;
            case PlacementKind.SameCpu when allowedCpus.Count >= 1:
                plan = new PlacementPlan(allowedCpus[0], allowedCpus[0]);
                return true;
            case PlacementKind.Split when allowedCpus.Count >= 2:
                plan = new PlacementPlan(allowedCpus[0], allowedCpus[1]);
                return true;
            case PlacementKind.Cpus:
                reason = "placement cpus takes its CPUs from the case (cpus N[,M])";
                return false;
            default:
                reason = $"placement {placement} needs {(placement == PlacementKind.Split ? 2 : 1)} allowed CPUs; this process may use [{string.Join(",", allowedCpus)}]";
                return false;
        }
    }
}
