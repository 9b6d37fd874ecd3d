using System.Globalization;
using System.Text;

namespace LoopBench.Core.Sandbox;

/// <summary>
/// The child's side of the sandbox: runs inside the private namespace, applies the settings,
/// reads every one back and fails with the difference if one did not take. Refuses to touch
/// anything when the process is still in the host's namespace.
/// </summary>
internal static class NamespaceSetup
{
    /// <summary>Set in every namespace unless the case sets it: repetitions must not inherit cached TCP metrics.</summary>
    public const string NoMetricsSaveKey = "net.ipv4.tcp_no_metrics_save";

    /// <summary>Applies <paramref name="settings"/> and verifies them; returns the commands run. Throws <see cref="SandboxSetupException"/>.</summary>
    /// <param name="settings">What to apply.</param>
    /// <param name="hostNamespaceInode">The parent's (host's) namespace inode: applying is refused while this process is still in it.</param>
    /// <param name="procSysRoot">Root of the sysctl tree.</param>
    public static IReadOnlyList<string> Apply(SandboxSettings settings, long hostNamespaceInode, string procSysRoot = "/proc/sys")
    {
        ArgumentNullException.ThrowIfNull(settings);
        EnsurePrivateNamespace(hostNamespaceInode);
        var applied = new List<string>();
        foreach (var argv in LinkSetup.Commands(settings))
        {
            ToolRunner.RunChecked(argv);
            applied.Add(string.Join(' ', argv));
        }

        foreach (var (key, value) in SysctlsToWrite(settings))
        {
            WriteSysctl(procSysRoot, key, value);
            applied.Add($"sysctl -w {key}='{value}'");
        }

        var differences = Differences(settings, ReadLink(), ReadQdiscs(), procSysRoot);
        return differences.Count == 0
            ? applied
            : throw new SandboxSetupException("settings did not take inside the namespace: " + string.Join("; ", differences));
    }

    /// <summary>The per-namespace sysctls the child writes: the case's, plus tcp_no_metrics_save=1 unless set.</summary>
    public static SortedDictionary<string, string> SysctlsToWrite(SandboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in settings.Sysctls)
        {
            all[SysctlName.Normalize(key)] = value;
        }

        all.TryAdd(NoMetricsSaveKey, "1");
        return all;
    }

    /// <summary>Every asked-for value that lo, tc or /proc/sys does not show, as "what: asked X, read Y".</summary>
    public static IReadOnlyList<string> Differences(SandboxSettings settings, LinkState link, IReadOnlyList<QdiscState> qdiscs, string procSysRoot)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(qdiscs);
        var diffs = new List<string>();
        if (!link.Up)
        {
            diffs.Add("lo: asked up, read down");
        }

        if (settings.LoMtuBytes is int mtu && link.MtuBytes != mtu)
        {
            diffs.Add($"lo mtu: asked {mtu}, read {link.MtuBytes}");
        }

        if (settings.TxQueueLenPackets is int qlen && link.TxQueueLenPackets != qlen)
        {
            diffs.Add($"lo txqueuelen: asked {qlen}, read {link.TxQueueLenPackets}");
        }

        foreach (string address in settings.ExtraAddresses)
        {
            if (!link.Addresses.Any(a => a.StartsWith(System.Net.IPAddress.Parse(address) + "/", StringComparison.Ordinal)))
            {
                diffs.Add($"lo address {address}: asked, not present");
            }
        }

        if (settings.Qdisc is QdiscSpec q && q.Kind != QdiscKind.Default)
        {
            diffs.AddRange(QdiscDifferences(q, qdiscs));
        }

        foreach (var (key, value) in SysctlsToWrite(settings))
        {
            string read = SysctlName.Fold(ReadSysctl(procSysRoot, key));
            if (read != SysctlName.Fold(value))
            {
                diffs.Add($"{key}: asked '{SysctlName.Fold(value)}', read '{read}'");
            }
        }

        return diffs;
    }

    /// <summary>Reads the given sysctls under <paramref name="procSysRoot"/>, whitespace folded; absent keys are left out.</summary>
    public static SortedDictionary<string, string> ReadSysctls(IEnumerable<string> keys, string procSysRoot = "/proc/sys")
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in keys)
        {
            if (ReadSysctl(procSysRoot, key) is string value)
            {
                values[key] = SysctlName.Fold(value);
            }
        }

        return values;
    }

    /// <summary>lo as read back now (inside the caller's namespace).</summary>
    public static LinkState ReadLink() => LinkStateParser.ParseLink(
        ToolRunner.RunChecked(["ip", "-j", "-d", "link", "show", "dev", "lo"]),
        ToolRunner.RunChecked(["ip", "-j", "addr", "show", "dev", "lo"]));

    /// <summary>lo's qdiscs with counters, now.</summary>
    public static IReadOnlyList<QdiscState> ReadQdiscs() =>
        LinkStateParser.ParseQdiscs(ToolRunner.RunChecked(["tc", "-s", "-j", "qdisc", "show", "dev", "lo"]));

    /// <summary>Throws unless this process's network namespace differs from the parent's: never change the host by mistake.</summary>
    public static void EnsurePrivateNamespace(long hostNamespaceInode)
    {
        long self = NetworkNamespace.InodeOf("self");
        if (hostNamespaceInode == 0 || self == hostNamespaceInode)
        {
            throw new SandboxSetupException($"refusing to apply settings: this process is in the host's network namespace (net:[{self}]); start it under 'unshare --net'");
        }
    }

    private static IEnumerable<string> QdiscDifferences(QdiscSpec q, IReadOnlyList<QdiscState> qdiscs)
    {
        var root = qdiscs.FirstOrDefault(s => s.Parent == "root");
        string want = q.Kind.TcName();
        if (root is null || root.Kind != want)
        {
            yield return $"root qdisc: asked {want}, read {root?.Kind ?? "none"}";
            yield break;
        }

        var leaf = q.Kind == QdiscKind.Htb ? qdiscs.FirstOrDefault(s => s.Parent == "1:1") : root;
        if (q.Kind == QdiscKind.Htb && (leaf is null || leaf.Kind != (q.Child ?? QdiscKind.Pfifo).TcName()))
        {
            yield return $"htb child: asked {(q.Child ?? QdiscKind.Pfifo).TcName()}, read {leaf?.Kind ?? "none"}";
        }
        else if (q.Limit is long limit && q.Kind != QdiscKind.Tbf && leaf?.Limit != limit)
        {
            yield return $"{leaf?.Kind} limit: asked {limit}, read {leaf?.Limit?.ToString(CultureInfo.InvariantCulture) ?? "none"}";
        }

        // tc rounds tbf's rate and burst to its clock ticks; 2% is far below any setting a sweep would use.
        if (q.Kind == QdiscKind.Tbf && q.RateBitsPerSecond is long rate && !Near(root.RateBytesPerSecond, rate / 8.0))
        {
            yield return $"tbf rate: asked {rate / 8} B/s, read {root.RateBytesPerSecond} B/s";
        }

        if (q.Kind == QdiscKind.Tbf && q.BurstBytes is long burst && !Near(root.BurstBytes, burst))
        {
            yield return $"tbf burst: asked {burst} B, read {root.BurstBytes} B";
        }
    }

    private static bool Near(long? read, double asked) => read is long r && Math.Abs(r - asked) <= asked * 0.02;

    private static void WriteSysctl(string procSysRoot, string key, string value)
    {
        if (!key.StartsWith("net.", StringComparison.Ordinal))
        {
            // Only net.* can be per network namespace; kernel.*, vm.* written here would change the host.
            throw new SandboxSetupException($"{key} is not a net.* sysctl, so it is host-wide; set it as a host sysctl with --allow-host-sysctls");
        }

        string path = SysctlName.PathOf(procSysRoot, key);
        try
        {
            using var file = new FileStream(path, FileMode.Truncate, FileAccess.Write);
            file.Write(Encoding.ASCII.GetBytes(value + "\n"));
        }
        catch (FileNotFoundException)
        {
            throw new SandboxSetupException($"{key}: no such sysctl inside a network namespace (host-wide keys are hidden or read-only there; set them with --allow-host-sysctls)");
        }
        catch (UnauthorizedAccessException)
        {
            throw new SandboxSetupException($"{key} is read-only inside a network namespace, so it is host-wide; set it with --allow-host-sysctls");
        }
        catch (IOException ex)
        {
            throw new SandboxSetupException($"{key} = '{value}': the kernel refused it ({ex.Message.Trim()})");
        }
    }

    private static string? ReadSysctl(string procSysRoot, string key)
    {
        try
        {
            return File.ReadAllText(SysctlName.PathOf(procSysRoot, key));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
