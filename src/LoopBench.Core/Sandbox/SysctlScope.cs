namespace LoopBench.Core.Sandbox;

/// <summary>
/// Which sysctls a network namespace holds, found by trying: inside a throwaway namespace each key
/// is read and its own value written back. A key the kernel lets a non-initial namespace write is
/// per-namespace by construction (the kernel makes host-wide ones read-only or hides them there).
/// No hard-coded list: what counts is this kernel.
/// </summary>
internal static class SysctlScope
{
    private const string TryScript =
        "for k in \"$@\"; do f=/proc/sys/$(echo \"$k\" | tr . /); "
        + "if [ -f \"$f\" ] && v=$(cat \"$f\" 2>/dev/null) && printf '%s\\n' \"$v\" > \"$f\" 2>/dev/null; then echo \"ns $k\"; else echo \"host $k\"; fi; done";

    private const string ListScript =
        "find /proc/sys/net -type f 2>/dev/null | while read -r f; do "
        + "v=$(cat \"$f\" 2>/dev/null) && printf '%s\\n' \"$v\" > \"$f\" 2>/dev/null && echo \"${f#/proc/sys/}\"; done";

    /// <summary>
    /// Splits <paramref name="keys"/> into per-namespace and host-wide. Only net.* keys are tried;
    /// any other (kernel.*, vm.*) is host-wide. Throws <see cref="SandboxSetupException"/> when no namespace can be made.
    /// </summary>
    public static (IReadOnlyList<string> Namespaced, IReadOnlyList<string> HostWide) Classify(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var all = keys.Select(SysctlName.Normalize).Distinct(StringComparer.Ordinal).ToList();
        var net = all.Where(k => SysctlName.IsValid(k) && k.StartsWith("net.", StringComparison.Ordinal)).ToList();
        var namespaced = new List<string>();
        if (net.Count > 0)
        {
            var output = ToolRunner.Run(["unshare", "--net", "--", "sh", "-c", TryScript, "sh", .. net]);
            if (!output.Ok)
            {
                throw new SandboxSetupException("cannot create a throwaway network namespace to classify sysctls: " + output.Stderr.Trim());
            }

            namespaced.AddRange(output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(l => l.StartsWith("ns ", StringComparison.Ordinal)).Select(l => l[3..]));
        }

        return (namespaced, all.Except(namespaced, StringComparer.Ordinal).ToList());
    }

    /// <summary>Moves the keys of <see cref="SandboxSettings.Sysctls"/> listed in <paramref name="hostWide"/> (dotted names) into <see cref="SandboxSettings.HostSysctls"/>.</summary>
    public static SandboxSettings Split(SandboxSettings settings, IReadOnlyCollection<string> hostWide)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(hostWide);
        if (settings.Sysctls.Count == 0)
        {
            return settings;
        }

        var ns = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var host = new SortedDictionary<string, string>(settings.HostSysctls.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in settings.Sysctls)
        {
            string name = SysctlName.Normalize(key);
            (hostWide.Contains(name) ? host : ns)[name] = value;
        }

        return settings with { Sysctls = ns, HostSysctls = host };
    }

    /// <summary>Every sysctl a network namespace holds on this kernel (dotted names, sorted); takes a second or two.</summary>
    public static IReadOnlyList<string> ListNamespaced()
    {
        var output = ToolRunner.Run(["unshare", "--net", "--", "sh", "-c", ListScript], TimeSpan.FromSeconds(60));
        return output.Ok
            ? output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(SysctlName.Normalize).Order(StringComparer.Ordinal).ToList()
            : [];
    }
}
