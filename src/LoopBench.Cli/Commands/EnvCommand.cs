using System.Text;
using System.Text.Json;
using LoopBench.Cli.Verbs;
using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;

namespace LoopBench.Cli.Commands;

/// <summary>Prints <see cref="Capabilities"/> as a plain invariant table, or JSON with --json.</summary>
internal sealed class EnvCommand(TextWriter stdout)
{
    public int Execute(EnvOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var capabilities = CapabilitiesProbe.Probe();
        IReadOnlyList<string>? namespaced = options.Sysctls ? SysctlScope.ListNamespaced() : null;
        if (options.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new { capabilities, namespacedSysctls = namespaced }, ResultJson.Options));
        }
        else
        {
            stdout.Write(Render(capabilities, namespaced));
        }

        return ExitCodes.Ok;
    }

    /// <summary>The table: one "what  value" line each, invariant text.</summary>
    internal static string Render(Capabilities c, IReadOnlyList<string>? namespacedSysctls)
    {
        var rows = new List<(string, string)>
        {
            ("root", YesNo(c.IsRoot)),
            ("CAP_NET_ADMIN", YesNo(c.CapNetAdmin)),
            ("network namespaces", c.CanCreateNetworkNamespace ? "yes (unshare --net works)" : "no: " + c.NamespaceError),
            ("congestion control available", string.Join(' ', c.CongestionControlAvailable)),
            ("congestion control allowed", string.Join(' ', c.CongestionControlAllowed)),
            ("qdiscs that work on lo", string.Join(' ', c.Qdiscs.Where(q => q.Works).Select(q => q.Kind))),
            ("qdiscs that do not", string.Join(' ', c.Qdiscs.Where(q => !q.Works).Select(q => q.Kind))),
            ("IPv6 on lo (::1)", YesNo(c.Ipv6OnLo)),
        };
        rows.AddRange(c.Limits.Select(l => (l.Key, l.Value)));
        rows.AddRange(c.Tools.Select(t => ("tool " + t.Key, t.Value ?? "not installed")));
        if (namespacedSysctls is not null)
        {
            rows.Add(("per-namespace sysctls", namespacedSysctls.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " (loopbench env --json --sysctls lists them)"));
        }

        int width = rows.Max(r => r.Item1.Length);
        var text = new StringBuilder();
        foreach (var (what, value) in rows)
        {
            text.Append(what.PadRight(width)).Append("  ").Append(value).Append('\n');
        }

        foreach (var q in c.Qdiscs.Where(q => !q.Works))
        {
            text.Append("  ").Append(q.Kind).Append(": ").Append(q.Error).Append('\n');
        }

        return text.ToString();
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
