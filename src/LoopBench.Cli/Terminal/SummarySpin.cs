using System.Globalization;
using LoopBench.Core.Engines;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;

namespace LoopBench.Cli.Terminal;

/// <summary>
/// The spin line of the summary: both ends polled instead of sleeping, and how busy that kept each
/// pinned CPU (the ends' thread CPU over the window), so a spin figure is never read as a free one.
/// </summary>
internal static class SummarySpin
{
    /// <summary>The line for a spin case ("spin     both ends polled; …"), or null when the case did not spin.</summary>
    public static string? Render(Case c, RepetitionResult repetition)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(repetition);
        if (!c.Spin)
        {
            return null;
        }

        var busy = repetition.Ends
            .Select(e => (End: e, Percent: BusyPercent(repetition, e.Name)))
            .Where(e => e.Percent is not null)
            .Select(e => string.Create(CultureInfo.InvariantCulture,
                $"{e.End.Name} {e.Percent:0} %{(e.End.CpuRequested is int cpu ? $" of cpu {cpu}" : string.Empty)}"))
            .ToList();
        string line = "spin     both ends polled non-blocking sockets (MSG_DONTWAIT) and never slept; CPU busy "
            + (busy.Count > 0 ? string.Join(", ", busy) : "not recorded") + " (of each pinned CPU)";
        if (c.Placement == PlacementKind.SameCpu || (c.ClientCpu is int client && client == c.ServerCpu))
        {
            line += "; same CPU: two spinners share it, so the figure measures time-slicing, not the stack";
        }

        return line + "\n";
    }

    /// <summary>The named end's thread CPU as a share of the window, or null when it was not sampled.</summary>
    internal static double? BusyPercent(RepetitionResult repetition, string endName)
    {
        if (repetition.Cpu is not { WindowNs: > 0 } cpu)
        {
            return null;
        }

        var thread = cpu.Threads.FirstOrDefault(t => t.Name == endName);
        return thread is null ? null : 100.0 * (thread.CpuNs ?? thread.CpuUs * 1000) / cpu.WindowNs;
    }
}
