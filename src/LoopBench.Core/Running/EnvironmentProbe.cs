using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using LoopBench.Core.Interop;
using LoopBench.Core.Results;

namespace LoopBench.Core.Running;

/// <summary>Reads the environment of this host from /proc and /sys. Missing files give "unknown", never a crash.</summary>
internal static class EnvironmentProbe
{
    /// <summary>The sysctls recorded with every run.</summary>
    public static readonly IReadOnlyList<string> RecordedSysctls =
    [
        "net.core.rmem_max", "net.core.wmem_max", "net.core.rmem_default", "net.core.wmem_default",
        "net.core.netdev_max_backlog", "net.core.somaxconn", "net.core.default_qdisc", "net.core.busy_poll",
        "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem", "net.ipv4.tcp_mem", "net.ipv4.udp_mem",
        "net.ipv4.tcp_congestion_control", "net.ipv4.tcp_mtu_probing", "net.ipv4.tcp_slow_start_after_idle",
        "net.ipv4.tcp_no_metrics_save", "net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_timestamps", "net.ipv4.tcp_sack",
        "net.ipv4.tcp_ecn", "net.ipv4.tcp_autocorking", "net.ipv4.tcp_notsent_lowat", "net.ipv4.ip_local_port_range",
        "net.unix.max_dgram_qlen", "kernel.sched_autogroup_enabled",
    ];

    /// <summary>Captures the environment now.</summary>
    public static EnvironmentInfo Capture() => new(
        Hostname: System.Environment.MachineName,
        Kernel: Read("/proc/sys/kernel/osrelease") ?? "unknown",
        Os: OsName(),
        CpuModel: CpuModel(),
        LogicalCpus: System.Environment.ProcessorCount,
        AllowedCpus: CpuAffinity.GetAllowedCpus(),
        MemoryBytes: MemTotalBytes(),
        Runtime: RuntimeInformation.FrameworkDescription,
        ServerGc: GCSettings.IsServerGC,
        ConcurrentGc: AppContext.TryGetSwitch("System.GC.Concurrent", out bool concurrent) ? concurrent : true,
        CongestionControlDefault: Read("/proc/sys/net/ipv4/tcp_congestion_control") ?? "unknown",
        CongestionControlAvailable: CongestionControlFiles.Available(),
        // From `ip link`, which asks this thread's network namespace; /sys/class/net shows the
        // namespace /sys was mounted in (the host's, inside an `unshare --net` child).
        LoMtuBytes: (int?)HostFacts.LongOf(HostFacts.LoLink().GetValueOrDefault("mtu")) ?? ReadInt("/sys/class/net/lo/mtu"),
        LoTxQueueLen: (int?)HostFacts.LongOf(HostFacts.LoLink().GetValueOrDefault("qlen")) ?? ReadInt("/sys/class/net/lo/tx_queue_len"),
        Sysctls: Sysctls())
    {
        CpuGovernor = Read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor") ?? "none",
        Clocksource = Read("/sys/devices/system/clocksource/clocksource0/current_clocksource"),
        Virtualization = HostFacts.Virtualization(),
        CgroupCpuMax = HostFacts.CgroupCpuMax(),
        CgroupCpuSet = HostFacts.CgroupFile("cpuset.cpus.effective", "cpuset", "cpuset.effective_cpus"),
        LoQdisc = HostFacts.LoLink().GetValueOrDefault("qdisc"),
        LoGsoMaxSizeBytes = HostFacts.LongOf(HostFacts.LoLink().GetValueOrDefault("gso_max_size")),
        LoGroMaxSizeBytes = HostFacts.LongOf(HostFacts.LoLink().GetValueOrDefault("gro_max_size")),
        LoTsoMaxSizeBytes = HostFacts.LongOf(HostFacts.LoLink().GetValueOrDefault("tso_max_size")),
        DotnetKnobs = HostFacts.DotnetKnobs(),
        DotnetVariables = HostFacts.DotnetVariables(),
        Mitigations = HostFacts.Mitigations(),
    };

    /// <summary>Reads a sysctl by dotted name ("net.core.rmem_max"), whitespace folded; null when absent.</summary>
    public static string? ReadSysctl(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string? raw = Read("/proc/sys/" + name.Replace('.', '/'));
        return raw is null ? null : string.Join(' ', raw.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries));
    }

    private static SortedDictionary<string, string> Sysctls()
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in RecordedSysctls)
        {
            if (ReadSysctl(name) is string value)
            {
                values[name] = value;
            }
        }

        return values;
    }

    private static string OsName()
    {
        foreach (string line in ReadLines("/etc/os-release"))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                return line["PRETTY_NAME=".Length..].Trim('"');
            }
        }

        return RuntimeInformation.OSDescription;
    }

    private static string CpuModel()
    {
        foreach (string line in ReadLines("/proc/cpuinfo"))
        {
            if (line.StartsWith("model name", StringComparison.Ordinal) && line.Contains(':', StringComparison.Ordinal))
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return "unknown";
    }

    private static long MemTotalBytes()
    {
        foreach (string line in ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                string kb = line["MemTotal:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim();
                return long.TryParse(kb, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value * 1024 : 0;
            }
        }

        return 0;
    }

    internal static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];

    internal static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int? ReadInt(string path) =>
        int.TryParse(Read(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;
}
