using LoopBench.Core.Sandbox;

namespace LoopBench.Core.Scenarios;

/// <summary>The sandbox settings of a case: <see cref="SandboxValidator"/>'s policies, and settings that need a namespace.</summary>
internal static class CaseSandboxRules
{
    public static void Check(Case resolved, List<CaseError> errors)
    {
        if (resolved.Kernel is not { } kernel)
        {
            return;
        }

        errors.AddRange(SandboxValidator.Validate(kernel, checkHostPermission: false).Select(e => new CaseError(e.Setting, e.Message)));
        if (resolved.Sandbox == SandboxMode.Host && kernel.ChangesNamespace)
        {
            errors.Add(new("sandbox", "mtu, txqueuelen, qdisc, address and per-namespace sysctls change a network namespace; "
                + "they need sandbox netns (LoopBench never changes the host's lo)"));
        }
    }
}
