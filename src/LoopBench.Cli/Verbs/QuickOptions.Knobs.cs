using CommandLine;

namespace LoopBench.Cli.Verbs;

/// <summary>The socket-knob, copy-mode and measurement flags of <c>quick</c> (iperf3's letters where it has one).</summary>
internal sealed partial class QuickOptions
{
    [Option('w', "window", HelpText = "SO_SNDBUF and SO_RCVBUF on both sides, e.g. 256K, 4M (iperf3 -w). Default: kernel default (autotuned).")]
    public string? Window { get; set; }

    [Option("sndbuf", HelpText = "SO_SNDBUF on both sides. Default: kernel default.")]
    public string? SendBuffer { get; set; }

    [Option("rcvbuf", HelpText = "SO_RCVBUF on both sides; turns receive autotuning off. Default: kernel default.")]
    public string? ReceiveBuffer { get; set; }

    [Option("client-sndbuf", HelpText = "SO_SNDBUF of the client socket only.")]
    public string? ClientSendBuffer { get; set; }

    [Option("client-rcvbuf", HelpText = "SO_RCVBUF of the client socket only.")]
    public string? ClientReceiveBuffer { get; set; }

    [Option("server-sndbuf", HelpText = "SO_SNDBUF of the server socket only.")]
    public string? ServerSendBuffer { get; set; }

    [Option("server-rcvbuf", HelpText = "SO_RCVBUF of the server socket only.")]
    public string? ServerReceiveBuffer { get; set; }

    [Option("force-buffers", HelpText = "Use SO_SNDBUFFORCE/SO_RCVBUFFORCE (root or CAP_NET_ADMIN) to exceed net.core.wmem_max/rmem_max. Default: off.")]
    public bool ForceBuffers { get; set; }

    [Option('M', "mss", HelpText = "TCP_MAXSEG in bytes, 88..32767, set before connect (iperf3 -M). Default: kernel default.")]
    public string? Mss { get; set; }

    [Option('C', "congestion", HelpText = "TCP_CONGESTION per socket: reno, cubic, bbr, … (iperf3 -C). Default: net.ipv4.tcp_congestion_control.")]
    public string? Congestion { get; set; }

    [Option("notsent-lowat", HelpText = "TCP_NOTSENT_LOWAT in bytes. Default: kernel default.")]
    public string? NotSentLowat { get; set; }

    [Option("cork", HelpText = "TCP_CORK on|off. Default: kernel default (off).")]
    public string? Cork { get; set; }

    [Option("quickack", HelpText = "TCP_QUICKACK on|off; on re-arms it after each receive (about 1.7 µs per receive). Default: kernel default.")]
    public string? QuickAck { get; set; }

    [Option("busy-poll", HelpText = "SO_BUSY_POLL in µs (no effect on lo). Default: kernel default.")]
    public string? BusyPoll { get; set; }

    [Option("max-pacing-rate", HelpText = "SO_MAX_PACING_RATE in bit/s, e.g. 1G (iperf3 --fq-rate). Default: unlimited.")]
    public string? MaxPacingRate { get; set; }

    [Option('S', "tos", HelpText = "IP_TOS / IPV6_TCLASS, 0..255 or 0x.. (iperf3 -S). Default: 0.")]
    public string? Tos { get; set; }

    [Option("udp-segment", HelpText = "UDP_SEGMENT (GSO) segment size in bytes. Default: off.")]
    public string? UdpSegment { get; set; }

    [Option('Z', "zerocopy", HelpText = "TCP stream: send with MSG_ZEROCOPY and count completions (iperf3 -Z). Blocking engine. Default: off.")]
    public bool ZeroCopy { get; set; }

    [Option("skip-copy", HelpText = "TCP stream: receive with MSG_TRUNC (counted, not copied). Blocking engine. Default: off.")]
    public bool SkipCopy { get; set; }

    [Option("timestamps", HelpText = "rr over tcp/udp: kernel software timestamps on 1 in 64 transactions, split into where the round trip went. Blocking engine. Default: off.")]
    public bool Timestamps { get; set; }

    [Option("batch", HelpText = "UDP stream/reverse: N datagrams per sendmmsg/recvmmsg call, 1 (off) to 1024. Blocking engine. Default: 1.")]
    public string? Batch { get; set; }

    [Option("udp-gro", HelpText = "UDP stream/reverse: UDP_GRO on the receiver; coalesced receives are counted per datagram. Blocking engine. Default: off.")]
    public bool UdpGro { get; set; }

    [Option("capture", HelpText = "Capture the first N packets to a pcap in the current directory (needs tcpdump; skipped with the reason otherwise). Default: 0 (off).")]
    public string? Capture { get; set; }

    [Option("no-kernel-counters", HelpText = "Skip the /proc/net and tc snapshots around the window. Default: they are taken.")]
    public bool NoKernelCounters { get; set; }

    [Option('v', "verbose", HelpText = "Also list knobs left at the kernel default (always in --json).")]
    public bool Verbose { get; set; }

    private IEnumerable<(string Flag, string Parameter, string? Value)> KnobFlags() =>
    [
        ("-w/--window", "window", Window),
        ("--sndbuf", "sndbuf", SendBuffer),
        ("--rcvbuf", "rcvbuf", ReceiveBuffer),
        ("--client-sndbuf", "client-sndbuf", ClientSendBuffer),
        ("--client-rcvbuf", "client-rcvbuf", ClientReceiveBuffer),
        ("--server-sndbuf", "server-sndbuf", ServerSendBuffer),
        ("--server-rcvbuf", "server-rcvbuf", ServerReceiveBuffer),
        ("--force-buffers", "force-buffers", ForceBuffers ? "on" : null),
        ("-M/--mss", "mss", Mss),
        ("-C/--congestion", "congestion", Congestion),
        ("--notsent-lowat", "notsent-lowat", NotSentLowat),
        ("--cork", "cork", Cork),
        ("--quickack", "quickack", QuickAck),
        ("--busy-poll", "busy-poll", BusyPoll),
        ("--max-pacing-rate", "max-pacing-rate", MaxPacingRate),
        ("-S/--tos", "tos", Tos),
        ("--udp-segment", "udp-segment", UdpSegment),
        ("-Z/--zerocopy", "zerocopy", ZeroCopy ? "on" : null),
        ("--skip-copy", "skip-copy", SkipCopy ? "on" : null),
        ("--timestamps", "timestamps", Timestamps ? "on" : null),
        ("--batch", "batch", Batch),
        ("--udp-gro", "udp-gro", UdpGro ? "on" : null),
        ("--capture", "capture", Capture),
    ];
}
