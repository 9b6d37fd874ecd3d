using LoopBench.Core.Engines;

namespace LoopBench.Core.Scenarios;

/// <summary>Explicit CPUs: in the range a CPU mask holds, and not beside a placement that picks its own.</summary>
internal static class CasePlacementRules
{
    /// <summary>Highest CPU number a placement may name: the 1024-CPU mask the pinning call passes.</summary>
    public const int MaxCpu = 1023;

    public static void Check(Case candidate, List<CaseError> errors)
    {
        foreach (int cpu in new[] { candidate.ClientCpu, candidate.ServerCpu }.OfType<int>().Where(cpu => cpu is < 0 or > MaxCpu))
        {
            errors.Add(new("cpus", $"CPU {cpu} is out of range; use 0 to {MaxCpu}"));
        }

        if (candidate.ClientCpu is null && candidate.Placement == PlacementKind.Cpus)
        {
            errors.Add(new("placement", "placement cpus needs the CPUs: cpus N[,M] (quick: -A N[,M])"));
        }
        else if (candidate.ClientCpu is not null && candidate.Placement is PlacementKind.SameCpu or PlacementKind.Split)
        {
            errors.Add(new("cpus", $"names its own CPUs, but placement {candidate.Placement.ToId()} picks them too; drop one of them"));
        }
    }
}
