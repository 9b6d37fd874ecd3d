using LoopBench.Core.Sandbox;

namespace LoopBench.Core.Scenarios;

/// <summary>
/// Where a matrix's cases run. If any case needs a network namespace, every case that did not say
/// <c>sandbox: host</c> runs in one too: otherwise <c>qdisc: [default, pfifo]</c> would differ in far more
/// than the qdisc (fresh sysctl defaults, an empty tcp_metrics cache, separate counters, a fresh runtime).
/// </summary>
internal static class SandboxPlan
{
    /// <summary>The unresolved <paramref name="cases"/> with <see cref="Case.Sandbox"/> filled in for the whole matrix.</summary>
    public static IReadOnlyList<Case> Unify(IReadOnlyList<Case> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        bool any = cases.Any(c => c.Resolve().Sandbox == SandboxMode.Netns);
        return any ? cases.Select(c => c.Sandbox is null ? c with { Sandbox = SandboxMode.Netns } : c).ToList() : cases;
    }

    /// <summary>
    /// Moves each case's sysctls that no network namespace holds on this kernel into its host
    /// sysctls, so validation asks for --allow-host-sysctls instead of the child failing. The keys
    /// of all cases are tried together in one throwaway namespace (<paramref name="hostWideOf"/>,
    /// by default <see cref="SysctlScope.Classify"/>). Cases without sysctls are returned as they are.
    /// When no namespace can be made, the cases are returned unchanged: they are skipped with that reason later.
    /// </summary>
    public static IReadOnlyList<Case> SplitHostSysctls(IReadOnlyList<Case> cases, Func<IReadOnlyList<string>, IReadOnlyCollection<string>>? hostWideOf = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        hostWideOf ??= keys => SysctlScope.Classify(keys).HostWide;
        var keys = cases.SelectMany(c => c.Kernel?.Sysctls.Keys ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return cases;
        }

        IReadOnlyCollection<string> hostWide;
        try
        {
            hostWide = hostWideOf(keys);
        }
        catch (SandboxSetupException)
        {
            return cases;
        }

        return cases.Select(c => c.Kernel is { Sysctls.Count: > 0 } kernel ? c with { Kernel = SysctlScope.Split(kernel, hostWide) } : c).ToList();
    }

    /// <summary>
    /// Splits host-wide sysctls out (<see cref="SplitHostSysctls"/>) and applies the run-wide
    /// --allow-host-sysctls: without it, a case that would change the host is an error naming the keys.
    /// </summary>
    public static IReadOnlyList<Case> Prepare(IReadOnlyList<Case> cases, bool allowHostSysctls, Func<IReadOnlyList<string>, IReadOnlyCollection<string>>? hostWideOf = null)
    {
        var prepared = SplitHostSysctls(cases, hostWideOf);
        var refused = prepared.Where(c => c.Kernel is { HostSysctls.Count: > 0 } && !allowHostSysctls).ToList();
        if (refused.Count > 0)
        {
            var keys = refused.SelectMany(c => c.Kernel!.HostSysctls.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            throw new ParameterException("host-sysctl", $"{string.Join(", ", keys)}: host-wide (no network namespace holds it on this kernel); "
                + "changing the host needs --allow-host-sysctls (values are journaled under /run/loopbench and restored)");
        }

        return prepared.Select(c => c.Kernel is { HostSysctls.Count: > 0 } k ? c with { Kernel = k with { AllowHostSysctls = true } } : c).ToList();
    }
}
