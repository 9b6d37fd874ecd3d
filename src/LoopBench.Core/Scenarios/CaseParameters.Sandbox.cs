using LoopBench.Core.Sandbox;

namespace LoopBench.Core.Scenarios;

/// <summary>
/// The sandbox settings as case parameters (docs/sandbox.md): lo's MTU, txqueuelen and qdisc,
/// extra addresses, sysctls, and where the case runs. A sysctl is given either as
/// <c>sysctl: key=value</c> (repeatable) or as its own parameter <c>sysctl.net.ipv4.tcp_rmem: value</c>,
/// which makes a single sysctl a natural matrix axis.
/// </summary>
internal static partial class CaseParameters
{
    /// <summary>Prefix of a per-namespace sysctl given as its own parameter, e.g. "sysctl.net.ipv4.tcp_rmem".</summary>
    public const string SysctlPrefix = "sysctl.";

    /// <summary>Prefix of a host-wide sysctl given as its own parameter, e.g. "host-sysctl.net.core.rmem_max".</summary>
    public const string HostSysctlPrefix = "host-sysctl.";

    /// <summary>The text a repeatable sysctl parameter takes: key=value.</summary>
    private const string SysctlPairPattern = "^[^=]+=";

    /// <summary>True when <paramref name="name"/> is a registered parameter or a "sysctl.KEY"/"host-sysctl.KEY" one.</summary>
    public static bool IsKnown(string name) =>
        All.Any(p => string.Equals(p.Name, (name ?? string.Empty).Trim(), StringComparison.OrdinalIgnoreCase)) || SysctlParameter(name ?? string.Empty) is not null;

    private static IEnumerable<CaseParameter> SandboxCaseParameters()
    {
        yield return new("sandbox", "where the case runs: host or netns (a child process in its own network namespace); default: netns when a case changes lo or a sysctl",
            ParameterValue.Choice<SandboxMode>(), (c, v) => c with { Sandbox = Kind<SandboxMode>("sandbox", v) });

        // allow-host-sysctls is a run-wide flag (--allow-host-sysctls), never a scenario key: a file cannot grant itself host access.
        foreach (var p in SandboxParameters.All.Where(p => p.Name != "allow-host-sysctls"))
        {
            yield return new(p.Name, p.Description, SandboxValue(p.Name), (c, v) => c with { Kernel = Sandboxed(p.Name, () => p.Apply(c.Kernel ?? SandboxSettings.None, v)) });
        }
    }

    /// <summary>What a sandbox parameter takes; a new one must be given its kind here.</summary>
    private static ParameterValue SandboxValue(string name) => name switch
    {
        "mtu" => ParameterValue.Integer(SandboxSettings.MinMtuBytes, SandboxSettings.MaxMtuBytes),
        "txqueuelen" => ParameterValue.Integer(0),
        "qdisc" or "address" => ParameterValue.Text,
        "sysctl" or "host-sysctl" => ParameterValue.Matching(SysctlPairPattern),
        _ => throw new InvalidOperationException($"sandbox parameter '{name}' has no value kind in CaseParameters.SandboxValue"),
    };

    /// <summary>"sysctl.KEY" and "host-sysctl.KEY" parameters, or null when <paramref name="name"/> is neither.</summary>
    private static CaseParameter? SysctlParameter(string name)
    {
        string trimmed = name.Trim();
        foreach (string prefix in new[] { HostSysctlPrefix, SysctlPrefix })
        {
            if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && trimmed.Length > prefix.Length)
            {
                string key = trimmed[prefix.Length..];
                string target = prefix.TrimEnd('.');
                return new(trimmed, $"{target} {key}", ParameterValue.Text, (c, v) => c with
                {
                    Kernel = Sandboxed(target, () => SandboxParameters.Apply(c.Kernel ?? SandboxSettings.None, target, key + "=" + v)),
                });
            }
        }

        return null;
    }

    private static SandboxSettings Sandboxed(string name, Func<SandboxSettings> apply)
    {
        try
        {
            return apply();
        }
        catch (SandboxSettingsException ex)
        {
            throw new ParameterException(name, ex.Message);
        }
    }
}
