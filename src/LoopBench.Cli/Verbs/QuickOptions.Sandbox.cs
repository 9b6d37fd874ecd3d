using CommandLine;

namespace LoopBench.Cli.Verbs;

/// <summary>The sandbox flags of <c>quick</c>: any of them runs the case in a child inside its own network namespace (docs/sandbox.md).</summary>
internal sealed partial class QuickOptions
{
    [Option("mtu", HelpText = "lo MTU in bytes inside the case's network namespace: 1280..65536 (68.. for IPv4-only). Default: 65536 (not changed).")]
    public string? Mtu { get; set; }

    [Option("txqueuelen", HelpText = "lo txqueuelen in packets inside the namespace. Default: 1000 (not changed).")]
    public string? TxQueueLen { get; set; }

    [Option("qdisc", HelpText = "Root qdisc on lo inside the namespace, e.g. pfifo:limit=100, tbf:rate=1gbit,burst=256K, htb:rate=200mbit,child=pfifo,limit=10. Default: noqueue.")]
    public string? Qdisc { get; set; }

    [Option("address", HelpText = "Extra address on lo inside the namespace (127.0.0.x or IPv6); repeatable.")]
    public IEnumerable<string> Addresses { get; set; } = [];

    [Option("sysctl", HelpText = "KEY=VALUE set inside the namespace, e.g. net.ipv4.tcp_rmem='4096 131072 6291456'; repeatable. A host-wide key needs --allow-host-sysctls.")]
    public IEnumerable<string> Sysctls { get; set; } = [];

    [Option("host-sysctl", HelpText = "KEY=VALUE host-wide (e.g. net.core.rmem_max=16777216): journaled and restored; needs --allow-host-sysctls; repeatable.")]
    public IEnumerable<string> HostSysctls { get; set; } = [];

    [Option("allow-host-sysctls", HelpText = "Risky: let --sysctl/--host-sysctl change host-wide settings (one such run per host; restored at the end, on Ctrl-C, or by `loopbench restore`). Default: off.")]
    public bool AllowHostSysctls { get; set; }

    [Option("sandbox", HelpText = "host or netns: force the case into a fresh network namespace even without other sandbox flags. Default: netns when a sandbox flag is given, else host.")]
    public string? Sandbox { get; set; }

    private IEnumerable<(string Flag, string Parameter, string? Value)> SandboxFlags() =>
    [
        ("--sandbox", "sandbox", Sandbox),
        ("--mtu", "mtu", Mtu),
        ("--txqueuelen", "txqueuelen", TxQueueLen),
        ("--qdisc", "qdisc", Qdisc),
        .. Addresses.Select(a => ("--address", "address", (string?)a)),
        .. Sysctls.Select(s => ("--sysctl", "sysctl", (string?)s)),
        .. HostSysctls.Select(s => ("--host-sysctl", "host-sysctl", (string?)s)),
    ];
}
