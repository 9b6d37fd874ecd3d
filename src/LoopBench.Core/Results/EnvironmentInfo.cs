namespace LoopBench.Core.Results;

/// <summary>The host a run measured, recorded once per run. Every field is read, never assumed.</summary>
/// <param name="Hostname">Host name.</param>
/// <param name="Kernel">Kernel release (/proc/sys/kernel/osrelease).</param>
/// <param name="Os">Distribution (PRETTY_NAME of /etc/os-release).</param>
/// <param name="CpuModel">CPU model name.</param>
/// <param name="LogicalCpus">Online logical CPUs.</param>
/// <param name="AllowedCpus">CPUs this process may run on (affinity mask).</param>
/// <param name="MemoryBytes">MemTotal.</param>
/// <param name="Runtime">.NET runtime description.</param>
/// <param name="ServerGc">True when server GC is on.</param>
/// <param name="ConcurrentGc">True when background GC is on.</param>
/// <param name="CongestionControlDefault">net.ipv4.tcp_congestion_control.</param>
/// <param name="CongestionControlAvailable">net.ipv4.tcp_available_congestion_control.</param>
/// <param name="LoMtuBytes">MTU of lo in this network namespace.</param>
/// <param name="LoTxQueueLen">txqueuelen of lo.</param>
/// <param name="Sysctls">Relevant sysctls by name, as read; absent ones are left out.</param>
internal sealed record EnvironmentInfo(
    string Hostname,
    string Kernel,
    string Os,
    string CpuModel,
    int LogicalCpus,
    IReadOnlyList<int> AllowedCpus,
    long MemoryBytes,
    string Runtime,
    bool ServerGc,
    bool ConcurrentGc,
    string CongestionControlDefault,
    IReadOnlyList<string> CongestionControlAvailable,
    int? LoMtuBytes,
    int? LoTxQueueLen,
    SortedDictionary<string, string> Sysctls)
{
    /// <summary>cpufreq scaling governor of cpu0 ("performance", "powersave"), or "none" without cpufreq.</summary>
    public string? CpuGovernor { get; init; }

    /// <summary>The kernel's current clocksource ("tsc", "kvm-clock").</summary>
    public string? Clocksource { get; init; }

    /// <summary>Virtualization as systemd-detect-virt names it ("kvm", "docker", "none"), else from /proc/cpuinfo.</summary>
    public string? Virtualization { get; init; }

    /// <summary>cgroup CPU limit: cgroup v2 cpu.max ("max 100000" or "quota period"), or v1 "quota period" in µs.</summary>
    public string? CgroupCpuMax { get; init; }

    /// <summary>cgroup cpuset (effective CPUs), when set.</summary>
    public string? CgroupCpuSet { get; init; }

    /// <summary>The qdisc on lo ("noqueue").</summary>
    public string? LoQdisc { get; init; }

    /// <summary>lo's gso_max_size in bytes.</summary>
    public long? LoGsoMaxSizeBytes { get; init; }

    /// <summary>lo's gro_max_size in bytes.</summary>
    public long? LoGroMaxSizeBytes { get; init; }

    /// <summary>lo's tso_max_size in bytes.</summary>
    public long? LoTsoMaxSizeBytes { get; init; }

    /// <summary>.NET knobs in force: GC latency mode, tiered compilation, tiered PGO, quick JIT for loops, ReadyToRun.</summary>
    public SortedDictionary<string, string>? DotnetKnobs { get; init; }

    /// <summary>Every DOTNET_* and COMPlus_* environment variable of the process.</summary>
    public SortedDictionary<string, string>? DotnetVariables { get; init; }

    /// <summary>CPU vulnerability mitigations in force, from /sys/devices/system/cpu/vulnerabilities.</summary>
    public SortedDictionary<string, string>? Mitigations { get; init; }
}
