using CommandLine;
using CommandLine.Text;

namespace LoopBench.Cli.Verbs;

/// <summary>
/// <c>loopbench quick</c>: one case from iperf-style flags, both ends in this process. Values are
/// taken as text and parsed by Core's case parameters, so errors read the same as in scenarios.
/// </summary>
[Verb("quick", isDefault: false, HelpText = "Run one case from iperf-style flags: live intervals on stderr, a table (or --json) on stdout.")]
internal sealed partial class QuickOptions
{
    /// <summary>Two working command lines, shown by --help before the options.</summary>
    [Usage(ApplicationAlias = "loopbench")]
    public static IEnumerable<Example> Examples =>
    [
        VerbExamples.Of<QuickOptions>("TCP stream over IPv4 for 5 s (iperf3 -c 127.0.0.1 -t 5)", o => { o.Time = "5"; }),
        VerbExamples.Of<QuickOptions>("UDP over IPv6, 4 flows, client on CPU 0 and server on CPU 1, bitrates in Mbit/s", o => { o.Udp = true; o.IPv6 = true; o.Parallel = "4"; o.Affinity = "0,1"; o.Format = "m"; }),
    ];

    [Option("transport", HelpText = "tcp4, tcp6, udp4, udp6, unix-stream, unix-dgram or unix-seqpacket. Default: tcp4.")]
    public string? Transport { get; set; }

    [Option("pattern", HelpText = nameof(PatternHelpText.Pattern), ResourceType = typeof(PatternHelpText))]
    public string? Pattern { get; set; }

    [Option("engine", HelpText = "How bytes move: blocking, async, async-inline, pipelines, pipelines-inline or networkstream. Only blocking can pin (--placement, -A). Default: blocking.")]
    public string? Engine { get; set; }

    [Option("placement", HelpText = "unpinned, same-cpu, split, or cpus (set by -A). Default: unpinned.")]
    public string? Placement { get; set; }

    [Option('t', "time", HelpText = "Measured window: seconds, or 500ms, 2s, 1m. Default: 10.")]
    public string? Time { get; set; }

    [Option("warmup", HelpText = "Warm-up before the window (not counted); it runs on while the runtime is still compiling, up to 1 s more. Default: 1s; none with -n or -k, which refuse one other than 0.")]
    public string? Warmup { get; set; }

    [Option('l', "length", HelpText = "Bytes per send for stream (default 128K; 1472 on udp and unix-dgram), or both rr/crr sizes (default 64); rr-under-load: the load flows' writes.")]
    public string? Length { get; set; }

    [Option("request-size", HelpText = "rr request bytes. Default: --length, else 64.")]
    public string? RequestSize { get; set; }

    [Option("response-size", HelpText = "rr response bytes. Default: --length, else 64.")]
    public string? ResponseSize { get; set; }

    [Option('i', "interval", HelpText = "Seconds between interval lines; 0 for none. Default: 1.")]
    public string? Interval { get; set; }

    [Option('B', "bind", HelpText = "Loopback address the server binds: any of 127.0.0.0/8, or ::1. Default: 127.0.0.1 (tcp4), ::1 (tcp6).")]
    public string? Bind { get; set; }

    [Option('p', "port", HelpText = "Server port; 0 picks a free one. Default: 0.")]
    public string? Port { get; set; }

    [Option("unix-dir", HelpText = "Parent of the private 0700 directory that holds the Unix socket. Default: the temp directory.")]
    public string? UnixDirectory { get; set; }

    [Option("nodelay", HelpText = "TCP_NODELAY on|off. Default: on for rr, off for stream.")]
    public string? NoDelay { get; set; }

    [Option('N', "no-delay", HelpText = "Same as --nodelay on (iperf3's -N).")]
    public bool NoDelaySwitch { get; set; }

    [Option("unix-abstract", HelpText = "Unix transports: abstract namespace on|off. Default: off.")]
    public string? UnixAbstract { get; set; }

    [Option("source", HelpText = "Loopback address the client binds (127.0.0.0/8 or ::1). Default: the kernel's choice.")]
    public string? Source { get; set; }

    [System.ComponentModel.DataAnnotations.Range(1, LoopBench.Core.Scenarios.ScenarioValidator.MaxRepetitions)]
    [Option("reps", HelpText = "Repetitions of the case; with 2 or more the table ends with the median of the primary metric and its confidence interval, and --json carries the summaries, so two quick results can be compared. Default: 1.")]
    public int Repetitions { get; set; } = 1;

    [Option('P', "parallel", HelpText = "Parallel flows; rr-under-load: stream flows beside the rr flow. Default: 1.")]
    public string? Parallel { get; set; }

    [Option("processes", HelpText = "1: both ends in this process; 2: the server end in a child LoopBench process, as iperf3 (stream, reverse, rr over tcp4, tcp6, unix-stream). Default: 1.")]
    public string? Processes { get; set; }

    [Option("receive-spin", HelpText = "Blocking engine, one-way receivers (stream, reverse, bidir; bytes or datagrams; not rr): non-blocking recv calls before blocking; 0 blocks at once. Default: 64; 0 when both ends share a CPU, several TCP flows move (-P, bidir) or a TCP receiver has --receive-lowat.")]
    public string? ReceiveSpin { get; set; }

    [Option("receive-lowat", HelpText = "TCP one-way receivers, every engine: SO_RCVLOWAT, the bytes the socket gathers before it wakes the receiver (fewer wake-ups for the sender's CPU to run); 0 for the kernel's 1 byte. Default: 0 (one flow's receive spin keeps it awake), 64K for a flow held to a rate (a shaping qdisc, max-pacing-rate).")]
    public string? ReceiveLowat { get; set; }

    [Option("spin", HelpText = nameof(PatternHelpText.Spin), ResourceType = typeof(PatternHelpText))]
    public bool Spin { get; set; }

    [Option('R', "reverse", HelpText = "Same as --pattern reverse (server sends).")]
    public bool Reverse { get; set; }

    [Option("bidir", HelpText = "Same as --pattern bidir.")]
    public bool Bidir { get; set; }

    [Option("bidir-mode", HelpText = "bidir: two-sockets or shared. Default: two-sockets.")]
    public string? BidirMode { get; set; }

    [Option('n', "bytes", HelpText = "Stream: bytes to send in all (split exactly over -P flows), instead of a time. As iperf3's -n: no warm-up, the window is the whole transfer, from before the first byte to the last one received; -t still caps it.")]
    public string? Bytes { get; set; }

    [Option('k', "transactions", HelpText = nameof(PatternHelpText.Transactions), ResourceType = typeof(PatternHelpText))]
    public string? Transactions { get; set; }

    [Option("inflight", HelpText = "rr: transactions outstanding per connection. Default: 1.")]
    public string? Inflight { get; set; }

    [Option("close", HelpText = nameof(PatternHelpText.Close), ResourceType = typeof(PatternHelpText))]
    public string? Close { get; set; }

    [Option('b', "bitrate", HelpText = "Datagram stream pacing per flow in bit/s of payload (100M, 1G); 0 = as fast as possible. Default: 0.")]
    public string? Bitrate { get; set; }

    [Option("pps", HelpText = "Datagram stream pacing per flow in datagrams/s; 0 = as fast as possible. Default: 0.")]
    public string? Pps { get; set; }

    [Option("rate", HelpText = "rr-under-load: requests/s of the open-loop rr flow. Default: 1000.")]
    public string? Rate { get; set; }

    [Option("rr-timeout", HelpText = "Datagram rr: time to wait for a response before counting it lost. Default: 100ms.")]
    public string? RrTimeout { get; set; }

    [Option("json", HelpText = "Print the result document (JSON) on stdout instead of the table; progress stays on stderr.")]
    public bool Json { get; set; }

    /// <summary>Each given flag as (flag as typed, case parameter name, value), in a fixed order.</summary>
    public IEnumerable<(string Flag, string Parameter, string Value)> Parameters()
    {
        var (transportFlag, transport) = IperfTransportLetters.Choose(Udp, IPv4, IPv6, Bind, Transport);
        var all = new (string Flag, string Parameter, string? Value)[]
        {
            (transportFlag, "transport", transport),
            ("--pattern", "pattern", Pattern ?? (Reverse ? "reverse" : Bidir ? "bidir" : null)),
            ("--engine", "engine", Engine),
            ("--placement", "placement", Placement),
            ("-A/--affinity", "cpus", Affinity),
            ("-t/--time", "time", Time),
            ("--warmup", "warmup", Warmup),
            ("-l/--length", "length", Length),
            ("--request-size", "request-size", RequestSize),
            ("--response-size", "response-size", ResponseSize),
            ("-i/--interval", "interval", Interval),
            ("-B/--bind", "bind", Bind),
            ("-p/--port", "port", Port),
            ("--unix-dir", "unix-dir", UnixDirectory),
            ("--nodelay", "nodelay", NoDelay ?? (NoDelaySwitch ? "on" : null)),
            ("--unix-abstract", "unix-abstract", UnixAbstract),
            ("--source", "source", Source),
            ("-P/--parallel", "parallel", Parallel),
            ("--processes", "processes", Processes),
            ("--receive-spin", "receive-spin", ReceiveSpin),
            ("--receive-lowat", "receive-lowat", ReceiveLowat),
            ("--spin", "spin", Spin ? "on" : null),
            ("--bidir-mode", "bidir-mode", BidirMode),
            ("-n/--bytes", "bytes", Bytes),
            ("-k/--transactions", "transactions", Transactions),
            ("--inflight", "inflight", Inflight),
            ("--close", "close", Close),
            ("-b/--bitrate", "bitrate", Bitrate),
            ("--pps", "pps", Pps),
            ("--rate", "rate", Rate),
            ("--rr-timeout", "rr-timeout", RrTimeout),
        };
        return all.Concat(KnobFlags()).Concat(SandboxFlags()).Where(p => p.Value is not null).Select(p => (p.Flag, p.Parameter, p.Value!));
    }
}
