using System.Globalization;
using System.Text;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Sandbox;

/// <summary>Detects <see cref="Capabilities"/>: reads /proc, and tries namespaces and qdiscs for real in throwaway namespaces.</summary>
internal static class CapabilitiesProbe
{
    /// <summary>CAP_NET_ADMIN's bit in the capability sets (linux/capability.h).</summary>
    private const int CapNetAdminBit = 12;

    /// <summary>Host-wide limits shown by env and recorded with host sysctl changes.</summary>
    public static readonly IReadOnlyList<string> LimitSysctls =
    [
        "net.core.rmem_max", "net.core.wmem_max", "net.core.rmem_default", "net.core.wmem_default",
        "net.core.netdev_max_backlog", "net.core.optmem_max", "net.core.default_qdisc", "net.ipv4.tcp_mem", "net.ipv4.udp_mem",
    ];

    /// <summary>What each qdisc is tried with (the minimal parameters tc needs).</summary>
    private static readonly (QdiscKind Kind, string Args)[] QdiscTrials =
    [
        (QdiscKind.Pfifo, "pfifo limit 10"), (QdiscKind.Bfifo, "bfifo limit 100000"), (QdiscKind.PfifoFast, "pfifo_fast"),
        (QdiscKind.Tbf, "tbf rate 1gbit burst 256kb latency 10ms"), (QdiscKind.Htb, "htb default 1"), (QdiscKind.Noqueue, "noqueue"),
        (QdiscKind.Netem, "netem delay 1ms"), (QdiscKind.Fq, "fq"), (QdiscKind.FqCodel, "fq_codel"),
        (QdiscKind.Sfq, "sfq"), (QdiscKind.Cake, "cake"),
    ];

    private static readonly Lazy<Capabilities> Cached = new(() => Probe());

    /// <summary>The probe, run once per process.</summary>
    public static Capabilities Current => Cached.Value;

    /// <summary>Runs the probe now (about a tenth of a second: one throwaway namespace for every qdisc).</summary>
    public static Capabilities Probe(string procRoot = "/proc")
    {
        string status = ReadOrEmpty(Path.Combine(procRoot, "self/status"));
        var (nsOk, nsError, qdiscs) = ProbeNamespaceAndQdiscs();
        var limits = NamespaceSetup.ReadSysctls(LimitSysctls, Path.Combine(procRoot, "sys"));
        var tools = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (string tool in (string[])["tcpdump", "iperf3", "iperf", "sockperf", "nuttcp", "ip", "tc", "unshare", "lsns"]) // the last four: the sandbox; the rest: capture and calibrate
        {
            tools[tool] = ToolRunner.Which(tool);
        }

        return new Capabilities(
            IsRoot: ProcStatus.StatusField(status, "Uid:").Split('\t', ' ').Where(s => s.Length > 0).Skip(1).FirstOrDefault() == "0",
            CapNetAdmin: HasCapability(ProcStatus.StatusField(status, "CapEff:"), CapNetAdminBit),
            CanCreateNetworkNamespace: nsOk,
            NamespaceError: nsError,
            CongestionControlAvailable: CongestionControlFiles.Available(procRoot),
            CongestionControlAllowed: CongestionControlFiles.Allowed(procRoot),
            Qdiscs: qdiscs,
            Ipv6OnLo: Ipv6OnLo(Path.Combine(procRoot, "net/if_inet6")),
            Limits: limits,
            Tools: tools);
    }

    /// <summary>True when bit <paramref name="bit"/> is set in a hex capability mask from /proc/*/status.</summary>
    public static bool HasCapability(string hexMask, int bit) => ProcStatus.MaskHasBit(hexMask, bit);

    /// <summary>True when /proc/net/if_inet6 text lists ::1 on lo.</summary>
    public static bool Ipv6LoopbackListed(string ifInet6Text) =>
        (ifInet6Text ?? string.Empty).Split('\n').Any(l => l.StartsWith("00000000000000000000000000000001", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" lo", StringComparison.Ordinal));

    private static (bool Ok, string? Error, IReadOnlyList<QdiscProbe> Qdiscs) ProbeNamespaceAndQdiscs()
    {
        var script = new StringBuilder("ip link set dev lo up || exit 3\n");
        foreach (var (kind, args) in QdiscTrials)
        {
            script.Append(CultureInfo.InvariantCulture,
                $"if out=$(tc qdisc replace dev lo root {args} 2>&1); then echo 'ok {kind.TcName()}'; else echo \"no {kind.TcName()} $(echo $out | tr '\\n' ' ')\"; fi; tc qdisc del dev lo root 2>/dev/null\n");
        }

        script.Append("exit 0\n"); // the last 'tc qdisc del' may fail; only unshare's own failure counts
        var output = ToolRunner.Run(["unshare", "--net", "--", "sh", "-c", script.ToString()]);
        if (!output.Ok)
        {
            string error = output.Stderr.Trim().Length > 0 ? output.Stderr.Trim() : $"unshare exited {output.ExitCode}";
            string reason = $"cannot create a network namespace (needs CAP_NET_ADMIN for unshare(CLONE_NEWNET)): {error}";
            return (false, reason, QdiscTrials.Select(t => new QdiscProbe(t.Kind.TcName(), false, "not probed: no namespace")).ToList());
        }

        var probes = new List<QdiscProbe>();
        foreach (string line in output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(' ', 3);
            probes.Add(new QdiscProbe(parts[1], parts[0] == "ok", parts[0] == "ok" ? null : (parts.Length > 2 ? parts[2].Trim() : "tc refused it")));
        }

        return (true, null, probes);
    }

    private static bool Ipv6OnLo(string path) => Ipv6LoopbackListed(ReadOrEmpty(path));

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
