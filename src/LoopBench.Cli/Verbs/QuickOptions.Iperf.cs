using CommandLine;
using LoopBench.Cli.Terminal;

namespace LoopBench.Cli.Verbs;

/// <summary>
/// iperf3's shorthand letters on <c>quick</c>: -u, -4/-6, -A and -f. Each maps onto a case parameter
/// (or the output unit); <see cref="IperfTransportLetters"/> picks the transport the letters ask for.
/// </summary>
internal sealed partial class QuickOptions
{
    [Option('u', "udp", HelpText = "UDP: udp4, or udp6 with -6 or -B ::1 (iperf3 -u).")]
    public bool Udp { get; set; }

    [Option('4', "ipv4", HelpText = "IPv4: tcp4, or udp4 with -u (iperf3 -4).")]
    public bool IPv4 { get; set; }

    [Option('6', "ipv6", HelpText = "IPv6: tcp6, or udp6 with -u (iperf3 -6).")]
    public bool IPv6 { get; set; }

    [Option('A', "affinity", HelpText = "N[,M]: pin the client end to CPU N and the server end to CPU M; with N alone the server stays unpinned (iperf3 -A). Blocking engine only; a CPU this process may not use skips the case.")]
    public string? Affinity { get; set; }

    [Option('f', "format", HelpText = "Bitrate unit of the interval lines and the table: k, m, g (kbit/s, Mbit/s, Gbit/s) or K, M, G (KiB/s, MiB/s, GiB/s), as iperf3 -f. Default: g.")]
    public string? Format { get; set; }

    /// <summary>
    /// Spells -4 and -6 as --ipv4 and --ipv6: CommandLineParser reads a dash and a digit as a negative
    /// number, never as a short option. After "--" everything stays a value.
    /// </summary>
    public static string[] Normalize(string[] args)
    {
        if (args.Length == 0 || args[0] != "quick")
        {
            return args;
        }

        int dashDash = Array.IndexOf(args, "--");
        return [.. args.Select((a, i) => dashDash >= 0 && i > dashDash ? a : a switch { "-4" => "--ipv4", "-6" => "--ipv6", _ => a })];
    }

    /// <summary>The -f unit; Gbit/s when -f is not given.</summary>
    public RateUnit RateUnit() =>
        Format is null ? Terminal.RateUnit.Gbit
        : RateUnits.TryParse(Format, out var unit) ? unit
        : throw new UsageException($"-f/--format: unknown unit '{Format}'; use {RateUnits.Letters}");
}
