using System.Globalization;

namespace LoopBench.Core.Sandbox;

/// <summary>One named sandbox parameter: how text (a quick flag, a YAML key, <c>--set</c>) becomes a field of <see cref="SandboxSettings"/>.</summary>
/// <param name="Name">Parameter name, e.g. "mtu".</param>
/// <param name="Description">One line for help and errors.</param>
/// <param name="Apply">Returns the settings with the value set; throws <see cref="SandboxSettingsException"/>.</param>
internal sealed record SandboxParameter(string Name, string Description, Func<SandboxSettings, string, SandboxSettings> Apply);

/// <summary>
/// The sandbox's parameter registry, shaped like Scenarios.CaseParameters so the two can merge
/// when Case gains its sandbox fields (see docs/sandbox.md). Repeatable ones (address, sysctl) add.
/// </summary>
internal static class SandboxParameters
{
    /// <summary>Every parameter.</summary>
    public static IReadOnlyList<SandboxParameter> All { get; } =
    [
        new("mtu", "lo MTU in bytes: 1280..65536, or 68..65536 for IPv4-only cases", (s, v) => s with { LoMtuBytes = Int("mtu", v) }),
        new("txqueuelen", "lo txqueuelen in packets", (s, v) => s with { TxQueueLenPackets = Int("txqueuelen", v) }),
        new("qdisc", "root qdisc on lo, e.g. pfifo:limit=100, tbf:rate=1gbit,burst=256K, htb:rate=200mbit,child=pfifo,limit=10", (s, v) => s with { Qdisc = QdiscSpec.Parse(v) }),
        new("address", "extra address on lo: 127.0.0.x or IPv6 (repeatable)", (s, v) => s with { ExtraAddresses = [.. s.ExtraAddresses, v.Trim()] }),
        new("sysctl", "per-namespace sysctl key=value, e.g. net.ipv4.tcp_rmem='4096 131072 6291456' (repeatable)", (s, v) => s with { Sysctls = With(s.Sysctls, v) }),
        new("host-sysctl", "host-wide sysctl key=value, journaled and restored; needs allow-host-sysctls (repeatable)", (s, v) => s with { HostSysctls = With(s.HostSysctls, v) }),
        new("allow-host-sysctls", "on: let host-sysctl change the host", (s, v) => s with { AllowHostSysctls = Bool("allow-host-sysctls", v) }),
    ];

    /// <summary>Sets parameter <paramref name="name"/> from text, or throws <see cref="SandboxSettingsException"/>.</summary>
    public static SandboxSettings Apply(SandboxSettings target, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(target);
        var parameter = All.FirstOrDefault(p => string.Equals(p.Name, (name ?? string.Empty).Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new SandboxSettingsException(name ?? string.Empty, $"unknown sandbox parameter; valid: {string.Join(", ", All.Select(p => p.Name))}");
        return parameter.Apply(target, value ?? string.Empty);
    }

    private static SortedDictionary<string, string> With(IReadOnlyDictionary<string, string> current, string pair)
    {
        int eq = pair.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new SandboxSettingsException("sysctl", $"'{pair}' is not key=value, e.g. net.ipv4.tcp_rmem=4096 131072 6291456");
        }

        string key = SysctlName.Normalize(pair[..eq]);
        if (!SysctlName.IsValid(key))
        {
            throw new SandboxSettingsException("sysctl", $"'{key}' is not a sysctl name; use dotted form such as net.ipv4.tcp_rmem");
        }

        return new SortedDictionary<string, string>(current.ToDictionary(), StringComparer.Ordinal) { [key] = pair[(eq + 1)..].Trim().Trim('\'', '"') };
    }

    private static int Int(string name, string text) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new SandboxSettingsException(name, $"'{text}' is not a whole number");

    private static bool Bool(string name, string text) => text.Trim().ToLowerInvariant() switch
    {
        "on" or "true" or "yes" or "1" => true,
        "off" or "false" or "no" or "0" => false,
        _ => throw new SandboxSettingsException(name, $"'{text}' is not on/off"),
    };
}
